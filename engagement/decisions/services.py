"""The decision trail: recording status changes, publishing, and telling everyone behind a source."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from engagement.dates import date_text
from engagement.decisions.message_types import DECISION_OVERDUE, DECISION_UPDATE
from engagement.decisions.models import SOURCE_KINDS, Decision, DecisionSource, DecisionStatusChange
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Channel, ContactEnquiry, Resident


def contributor_ids(decision: Decision) -> set[int]:
    """The residents behind the decision's sources (anonymous respondents are not among them)."""
    ids: set[int] = set()
    today = timezone.localdate()
    for kind in SOURCE_KINDS.values():
        for condition in kind.contributors(decision.pk, today):
            ids.update(Resident.objects.filter(condition).values_list("pk", flat=True))
    return ids


def decision_create(*, by, **fields) -> Decision:
    decision = Decision(created_by=by, **fields)
    decision.full_clean()
    decision.save()
    DecisionStatusChange.objects.create(decision=decision, status=decision.status, changed_by=by)
    return decision


def decision_record_status(*, decision: Decision, by, note: str = "", changed_on=None) -> DecisionStatusChange | None:
    """Record the decision's (already saved) status in its history; tell contributors if it is public.

    Nothing is recorded if the history already ends at this status, so saving unchanged tells no one.
    """
    last = decision.history.order_by("-pk").first()
    if last is not None and last.status == decision.status:
        return None
    change = DecisionStatusChange.objects.create(
        decision=decision,
        status=decision.status,
        note=note or (decision.reason_not_doing if decision.status == "not_doing" else ""),
        changed_on=changed_on or timezone.localdate(),
        changed_by=by,
    )
    if decision.published_at is not None:
        _tell_on_commit(decision.pk)
    return change


def decision_publish(*, decision: Decision) -> None:
    """Show it on the public register, and (once it commits) tell everyone behind its sources."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision.history.exists():
            DecisionStatusChange.objects.create(decision=decision, status=decision.status)
        if decision.published_at is None:
            decision.published_at = timezone.now()
            decision.save(update_fields=["published_at", "updated_at"])
        _tell_on_commit(decision.pk)


def decision_unpublish(*, decision: Decision) -> None:
    Decision.objects.filter(pk=decision.pk).update(published_at=None)


def _tell_on_commit(decision_id: int) -> None:
    from engagement.decisions.tasks import tell_contributors
    from engagement.messaging.services.outbox import run_soon

    run_soon(tell_contributors, decision_id)


def decision_tell_contributors(*, decision_id: int) -> int:
    """Tell each contributor where the decision stands now: one message each per published status.

    Safe to run again: a message's key names the decision, the status change and the resident.
    """
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision_id)
        change = decision.history.order_by("-pk").first()
        if decision.published_at is None or change is None:
            return 0
        personalisation = {
            "title": decision.title,
            "status": change.get_status_display(),
            "note": change.note,
            "you_said": decision.you_said,
            "we_did": decision.we_did,
            "page_url": site_url("decisions:decision", decision.pk),
            # The status it had when published: the first they hear of it.
            "first": change.created_at <= decision.published_at,
        }
        messages = []
        residents = Resident.objects.filter(pk__in=contributor_ids(decision)).select_related("tenancy__home")
        for resident in residents.iterator(chunk_size=1000):
            message = message_queue(
                template=DECISION_UPDATE.key,
                key=f"{DECISION_UPDATE.key}:{decision.pk}:{change.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
            if message is not None:
                messages.append(message)
        messages += _tell_enquirers_without_an_account(decision, change, personalisation)
        change.told.add(*messages)
    return len(messages)


def _tell_enquirers_without_an_account(decision: Decision, change: DecisionStatusChange, personalisation) -> list:
    """People who wrote to us without an account hear the way they asked for a reply (not by phone)."""
    channels = {
        ContactEnquiry.ReplyBy.EMAIL: Channel.EMAIL,
        ContactEnquiry.ReplyBy.TEXT: Channel.TEXT,
        ContactEnquiry.ReplyBy.POST: Channel.POST,
    }
    told = []
    enquiries = ContactEnquiry.objects.filter(decision_sources__decision=decision, resident__isnull=True).distinct()
    for enquiry in enquiries:
        channel = channels.get(enquiry.reply_by)
        to_address = "\n".join([enquiry.name, enquiry.postal_address]) if channel == Channel.POST else enquiry.reply_to
        if channel is None or not to_address.strip():
            continue
        told.append(
            message_queue(
                template=DECISION_UPDATE.key,
                key=f"{DECISION_UPDATE.key}:{decision.pk}:{change.pk}:enquiry-{enquiry.pk}",
                to_address=to_address,
                channel=channel,
                personalisation={**personalisation, "first_name": enquiry.name},
            )
        )
    return told


@dataclass
class Contribution:
    decision: Decision
    what_you_told_us: list[str]


def contributions_of(resident: Resident) -> list[Contribution]:
    """What the resident told us that is linked to a published decision, newest decision first."""
    source_ids: set[int] = set()
    published = DecisionSource.objects.filter(decision__published_at__isnull=False)
    today = timezone.localdate()
    for kind in SOURCE_KINDS.values():
        source_ids.update(published.filter(kind.contribution(resident, today)).values_list("pk", flat=True))
    sources = (
        DecisionSource.objects.filter(pk__in=source_ids)
        .with_links()
        .select_related("decision")
        .order_by("-decision__published_at", "decision", "pk")
    )
    contributions: dict[int, Contribution] = {}
    for source in sources:
        contribution = contributions.setdefault(source.decision_id, Contribution(source.decision, []))
        contribution.what_you_told_us.append(source.what_you_told_us)
    return list(contributions.values())


def overdue_owners_tell(*, today=None) -> int:
    """Email each overdue decision's owner once per target date (a new date, if also missed, is told again)."""
    today = today or timezone.localdate()
    told = 0
    overdue = Decision.objects.overdue(today).filter(owner__isnull=False).exclude(owner__email="")
    for decision in overdue.select_related("owner").iterator():
        message = message_queue(
            template=DECISION_OVERDUE.key,
            key=f"{DECISION_OVERDUE.key}:{decision.pk}:{decision.target_date.isoformat()}",
            to_address=decision.owner.email,
            channel=Channel.EMAIL,
            personalisation={
                "title": decision.title,
                "reference": decision.reference,
                "target_date": date_text(decision.target_date),
                "status": decision.get_status_display(),
                "admin_url": site_url("admin:decisions_decision_change", decision.pk),
            },
        )
        told += message is not None
    return told
