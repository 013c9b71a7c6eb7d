"""What a TRA's committee does on the site: notices and documents. (Meetings: services/meetings.py.)"""

from django.db import transaction

from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Resident
from tenants_associations.models import Membership, Notice, TenantsAssociation, TRADocument
from tenants_associations.services.messages import members, tra_personalisation


@transaction.atomic
def notice_send(
    *, tra: TenantsAssociation, subject: str, body: str, sent_by: Resident, membership: Membership | None = None
) -> Notice:
    """Send a notice to every member, or (with `membership`) a message to one member."""
    if membership is not None and (membership.tra_id != tra.pk or membership.status != Membership.Status.MEMBER):
        raise ValueError("That person is not a member of this TRA")
    notice = Notice.objects.create(tra=tra, subject=subject, body=body, sent_by=sent_by, to_membership=membership)
    recipients = [membership.resident] if membership else members(tra)
    personalisation = {
        **tra_personalisation(tra),
        "subject": subject,
        "body": body,
        "sender_name": sent_by.full_name,
        "to_one_member": membership is not None,
        "leave_url": site_url("tenants_associations:leave", slug=tra.slug),
    }
    reached = 0
    for resident in recipients:
        message = message_queue(
            template="tenants_associations.notice",
            key=f"tra-notice:{notice.pk}:{resident.pk}",
            resident=resident,
            personalisation=personalisation,
        )
        reached += message is not None
    notice.recipients = reached
    notice.save(update_fields=["recipients"])
    return notice


def document_upload(
    *, tra: TenantsAssociation, kind: str, title: str, file, visibility: str, uploaded_by=None
) -> TRADocument:
    document = TRADocument(
        tra=tra,
        kind=kind,
        title=title,
        file=file,
        original_name=file.name.rsplit("/", 1)[-1][:255],
        visibility=visibility,
        uploaded_by=uploaded_by,
    )
    # Checks the file's size and contents, whoever calls this.
    document.full_clean()
    document.save()
    return document


def document_remove(*, document: TRADocument) -> None:
    stored = document.file
    document.delete()
    # The file goes once the row has gone, so a failed delete never leaves a row without its file.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
