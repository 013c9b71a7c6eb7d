"""Evidence for the regulator: each input → the decision it led to → its dates → who was told, and when.

Rows name no resident: who was told is counted by channel, with the first and last day.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch, Q
from django.utils import timezone

from engagement.decisions.models import Decision, DecisionSource
from engagement.messaging.models import Message
from engagement.models import Channel

HEADER = [
    "Decision",
    "Title",
    "Topic",
    "Wards",
    "Estates",
    "Status",
    "Published on",
    "Target date",
    "Done or closed on",
    "Input",
    "What residents told us",
    "Input date",
    "Residents said (how many)",
    "Told by email",
    "Told by text",
    "Told by letter",
    "First told on",
    "Last told on",
]
HISTORY_HEADER = ["Decision", "Title", "Status", "On", "Note"]


def decisions_for(*, year: int | None = None, ward=None):
    decisions = Decision.objects.published()
    if year:
        decisions = decisions.filter(Q(published_at__year=year) | Q(history__changed_on__year=year)).distinct()
    if ward is not None:
        decisions = decisions.for_ward(ward)
    return decisions.order_by("published_at", "pk")


def _told(decision_ids: list[int]) -> dict[int, dict]:
    """Messages sent about each decision: how many by channel, and the first and last day."""
    told: dict[int, dict] = defaultdict(lambda: {"channels": defaultdict(int), "first": None, "last": None})
    # Told: sent (or delivered); a message still waiting, withheld or failed does not count.
    rows = Message.objects.filter(
        decision_changes__decision__in=decision_ids, status__in=[Message.Status.SENT, Message.Status.DELIVERED]
    ).values_list("decision_changes__decision", "channel", "sent_at")
    for pk, channel, sent_at in rows.iterator():
        day = timezone.localtime(sent_at).date() if sent_at else None
        entry = told[pk]
        entry["channels"][channel] += 1
        if day is not None:
            entry["first"] = min(filter(None, [entry["first"], day]))
            entry["last"] = max(filter(None, [entry["last"], day]))
    return told


def _closed_on(decision: Decision):
    closing = [change.changed_on for change in decision.history.all() if change.status in ("done", "not_doing")]
    return closing[-1] if closing else None


def evidence_rows(decisions) -> Iterator[list]:
    yield HEADER
    decisions = list(
        decisions.prefetch_related(
            "wards", "estates", "history", Prefetch("sources", DecisionSource.objects.with_links())
        )
    )
    told = _told([decision.pk for decision in decisions])
    for decision in decisions:
        sent = told[decision.pk]
        common = [
            decision.reference,
            decision.title,
            decision.get_topic_display(),
            ", ".join(ward.name for ward in decision.wards.all()) or "Borough-wide",
            ", ".join(estate.name for estate in decision.estates.all()),
            decision.get_status_display(),
            timezone.localtime(decision.published_at).date(),
            decision.target_date,
            _closed_on(decision),
        ]
        told_cells = [
            sent["channels"][Channel.EMAIL],
            sent["channels"][Channel.TEXT],
            sent["channels"][Channel.POST],
            sent["first"],
            sent["last"],
        ]
        for source in decision.sources.all() or [None]:
            input_cells = (
                [source.kind_label, source.public_label, source.told_on] if source else ["Not recorded", "", None]
            )
            yield [*common, *input_cells, decision.how_many, *told_cells]


def history_rows(decisions) -> Iterator[list]:
    yield HISTORY_HEADER
    for decision in decisions.prefetch_related("history"):
        for change in decision.history.all():
            yield [decision.reference, decision.title, change.get_status_display(), change.changed_on, change.note]
