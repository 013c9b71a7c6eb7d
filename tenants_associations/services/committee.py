"""What a TRA's committee does on the site: notices, meetings and documents."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from engagement.messaging.services import message_queue
from engagement.models import Resident
from tenants_associations.models import Membership, Notice, TenantsAssociation, TRADocument, TRAMeeting
from tenants_associations.services.messages import absolute, committee_members, members, tra_personalisation


def when_text(starts_at: datetime) -> str:
    """“Tuesday 3 March 2026 at 7:00pm”, as GOV.UK writes dates and times."""
    local = timezone.localtime(starts_at)
    hour = local.strftime("%I").lstrip("0")
    return f"{date_format(local, 'l j F Y')} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


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
        "leave_url": absolute("tenants_associations:leave", slug=tra.slug),
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


@transaction.atomic
def tra_meeting_schedule(
    *,
    tra: TenantsAssociation,
    kind: str,
    starts_at: datetime,
    place: str,
    notes: str = "",
    scheduled_by=None,
    tell_people: bool = False,
) -> TRAMeeting:
    """Put a meeting in the TRA's calendar; an AGM also becomes the TRA's next AGM date.

    With `tell_people`, members hear about general meetings and AGMs, and the committee about
    committee meetings. (Integration with events/: the meeting's events.Event, kind "TRA
    meeting", is created here.)
    """
    meeting = TRAMeeting.objects.create(
        tra=tra, kind=kind, starts_at=starts_at, place=place, notes=notes, created_by=scheduled_by
    )
    if kind == TRAMeeting.Kind.AGM:
        tra.next_agm_on = timezone.localtime(starts_at).date()
        tra.save(update_fields=["next_agm_on", "updated_at"])
    if tell_people:
        audience = committee_members(tra) if kind == TRAMeeting.Kind.COMMITTEE else members(tra)
        personalisation = {
            **tra_personalisation(tra),
            "meeting_kind": meeting.get_kind_display(),
            "when": when_text(starts_at),
            "place": place,
            "notes": notes,
        }
        for resident in audience:
            message_queue(
                template="tenants_associations.meeting_scheduled",
                key=f"tra-meeting-scheduled:{meeting.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
    return meeting


def tra_meeting_cancel(*, meeting: TRAMeeting) -> TRAMeeting:
    """Mark a meeting cancelled (kept, so there is a record of it). The committee can send a notice."""
    if meeting.cancelled_at is None:
        meeting.cancelled_at = timezone.now()
        meeting.save(update_fields=["cancelled_at"])
    return meeting


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
