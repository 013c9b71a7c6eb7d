"""The decision trail: recording status changes, publishing, and telling everyone behind a source."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engagement.dates import date_text
from engagement.decisions.message_types import DECISION_OVERDUE, DECISION_UPDATE
from engagement.decisions.models import Decision, DecisionSource, DecisionStatusChange
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Channel, ContactEnquiry, Resident


def _contributor_filters(decision_id: int) -> list[Q]:
    """Who is behind each kind of source: named respondents, raisers, panel members, attendees, posters."""
    today = timezone.localdate()
    linked = "decision_sources__decision"
    return [
        Q(
            **{
                f"survey_responses__survey__{linked}": decision_id,
                "survey_responses__submitted_at__isnull": False,
                # Anonymous respondents hear only through the public page.
                "survey_responses__survey__is_anonymous": False,
            }
        ),
        Q(
            **{
                f"survey_invitations__survey__{linked}": decision_id,
                "survey_invitations__response__submitted_at__isnull": False,
                "survey_invitations__survey__is_anonymous": False,
            }
        ),
        # Named respondents whose written answers an officer tagged with a linked theme.
        Q(
            **{
                f"survey_responses__answer_rows__themes__{linked}": decision_id,
                "survey_responses__submitted_at__isnull": False,
                "survey_responses__survey__is_anonymous": False,
            }
        ),
        Q(
            **{
                f"survey_invitations__response__answer_rows__themes__{linked}": decision_id,
                "survey_invitations__response__submitted_at__isnull": False,
                "survey_invitations__survey__is_anonymous": False,
            }
        ),
        Q(**{f"issues_raised__{linked}": decision_id}),
        Q(
            **{
                f"panel_memberships__panel__recommendations__{linked}": decision_id,
                "panel_memberships__ended_on__isnull": True,
            }
        ),
        Q(**{f"bookings__event__{linked}": decision_id, "bookings__attendance": "attended"}),
        Q(
            **{
                f"bookings__event__closing_report__actions__{linked}": decision_id,
                "bookings__attendance": "attended",
            }
        ),
        Q(**{f"discussion_topics__{linked}": decision_id}),
        Q(**{f"discussion_posts__topic__{linked}": decision_id, "discussion_posts__status": "published"}),
        Q(**{f"enquiries__{linked}": decision_id}),
        Q(**{f"visits__{linked}": decision_id}),
        Q(**{f"tra_committee_roles__tra__{linked}": decision_id, "tra_committee_roles__term_starts_on__lte": today})
        & (Q(tra_committee_roles__term_ends_on__isnull=True) | Q(tra_committee_roles__term_ends_on__gte=today)),
    ]


def contributor_ids(decision: Decision) -> set[int]:
    """The residents behind the decision's sources (anonymous respondents are not among them)."""
    ids: set[int] = set()
    for condition in _contributor_filters(decision.pk):
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


def _contribution_filters(resident: Resident) -> dict[str, Q]:
    """For each kind of source, the sources this resident is behind (the other side of _contributor_filters)."""
    today = timezone.localdate()
    return {
        "survey": Q(survey__is_anonymous=False)
        & (
            Q(survey__responses__resident=resident, survey__responses__submitted_at__isnull=False)
            | Q(survey__invitations__resident=resident, survey__invitations__response__submitted_at__isnull=False)
        ),
        "theme": Q(theme__survey__is_anonymous=False, theme__answers__response__submitted_at__isnull=False)
        & (Q(theme__answers__response__resident=resident) | Q(theme__answers__response__invitation__resident=resident)),
        "issue": Q(issue__raised_by=resident),
        "recommendation": Q(
            recommendation__panel__memberships__resident=resident,
            recommendation__panel__memberships__ended_on__isnull=True,
        ),
        "event": Q(event__bookings__resident=resident, event__bookings__attendance="attended"),
        "action": Q(
            action__report__event__bookings__resident=resident, action__report__event__bookings__attendance="attended"
        ),
        "topic": Q(topic__started_by_resident=resident)
        | Q(topic__posts__resident=resident, topic__posts__status="published"),
        "enquiry": Q(enquiry__resident=resident),
        "visit": Q(visit__resident=resident),
        "tra": Q(tra__committee_roles__resident=resident, tra__committee_roles__term_starts_on__lte=today)
        & (Q(tra__committee_roles__term_ends_on__isnull=True) | Q(tra__committee_roles__term_ends_on__gte=today)),
    }


@dataclass
class Contribution:
    decision: Decision
    what_you_told_us: list[str]


def contributions_of(resident: Resident) -> list[Contribution]:
    """What the resident told us that is linked to a published decision, newest decision first."""
    source_ids: set[int] = set()
    published = DecisionSource.objects.filter(decision__published_at__isnull=False)
    for condition in _contribution_filters(resident).values():
        source_ids.update(published.filter(condition).values_list("pk", flat=True))
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
