"""The decision trail: recording status changes, publishing, and telling everyone behind a source."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engagement.decisions.message_types import DECISION_UPDATE
from engagement.decisions.models import Decision, DecisionStatusChange
from engagement.messaging.services import message_queue
from engagement.models import Resident


def _contributor_filters(decision_id: int) -> list[Q]:
    """Who is behind each kind of source: named respondents, raisers, panel members, attendees, posters."""
    today = timezone.localdate()
    linked = "decision_sources__decision"
    return [
        Q(
            **{
                f"survey_responses__survey__{linked}": decision_id,
                "survey_responses__submitted_at__isnull": False,
            }
        ),
        Q(
            **{
                f"survey_invitations__survey__{linked}": decision_id,
                "survey_invitations__response__submitted_at__isnull": False,
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

    transaction.on_commit(lambda: tell_contributors.delay(decision_id))


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
            "page_url": settings.SITE_URL + decision.get_absolute_url(),
            # The status it had when published: the first they hear of it.
            "first": change.created_at <= decision.published_at,
        }
        told = 0
        residents = Resident.objects.filter(pk__in=contributor_ids(decision)).select_related("tenancy__home")
        for resident in residents.iterator(chunk_size=1000):
            message = message_queue(
                template=DECISION_UPDATE.key,
                key=f"{DECISION_UPDATE.key}:{decision.pk}:{change.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
            told += message is not None
    return told
