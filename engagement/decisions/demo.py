"""Demo decisions, dated from today, linked to what the other apps' demos made (safe to load twice)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from engagement.decisions.models import Decision, DecisionSource, DecisionStatusChange, Status, Topic
from engagement.models import User
from panels.models import Panel, Recommendation
from surveys.models import Survey


def _decision(title: str, *, sources: list[dict], history: list[tuple[int, str, str]], **fields) -> Decision:
    """history: (days ago, status, note), oldest first; the decision ends at the last one."""
    today = timezone.localdate()
    decision, created = Decision.objects.get_or_create(title=title, defaults={**fields, "status": history[-1][1]})
    if created:
        for source in sources:
            DecisionSource.objects.create(decision=decision, **source)
        for days_ago, status, note in history:
            DecisionStatusChange.objects.create(
                decision=decision, status=status, note=note, changed_on=today - timedelta(days=days_ago)
            )
    return decision


def _damp_recommendation() -> Recommendation | None:
    panel = Panel.objects.filter(slug="tackling-damp-and-mould").first()
    if panel is None:
        return None
    recommendation, _ = Recommendation.objects.get_or_create(
        panel=panel,
        number=1,
        defaults={
            "text": "Visit every damp or mould report within 10 working days, and tell the resident the date first.",
            "made_on": timezone.localdate() - timedelta(days=60),
            "response": Recommendation.Response.ACCEPTED,
            "response_reasons": "Agreed in full: repairs teams now book a first visit within 10 working days.",
            "responded_on": timezone.localdate() - timedelta(days=40),
        },
    )
    return recommendation


@transaction.atomic
def load() -> list[str]:
    now = timezone.now()
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    repairs = Survey.objects.filter(slug="repairs-how-are-we-doing").first()
    _decision(
        "Repair appointments you can choose",
        you_said="Residents told us that waiting in all day for a repair was the biggest problem, and that "
        "appointments were missed without warning.",
        how_many=8,
        we_did="You can now choose a morning or afternoon slot, and the operative texts you 30 minutes before "
        "they arrive. Missed appointments fell by a third in three months.",
        topic=Topic.REPAIRS,
        owner=officer,
        target_date=timezone.localdate() - timedelta(days=5),
        published_at=now - timedelta(days=2),
        sources=[{"survey": repairs}] if repairs else [],
        history=[(30, Status.CONSIDERING, ""), (20, Status.AGREED, ""), (2, Status.DONE, "Slots live for all trades.")],
    )
    recommendation = _damp_recommendation()
    _decision(
        "Damp and mould visits within 10 working days",
        you_said="The damp and mould panel told us residents waited too long for a first visit.",
        we_did="Every damp or mould report now gets a visit within 10 working days.",
        topic=Topic.DAMP,
        owner=officer,
        target_date=timezone.localdate() + timedelta(days=30),
        published_at=now - timedelta(days=20),
        sources=[{"recommendation": recommendation}] if recommendation else [{"note": "Damp and mould panel"}],
        history=[(40, Status.AGREED, ""), (20, Status.IN_PROGRESS, "New visit booking in place for two areas.")],
    )
    return [f"Decisions: {Decision.objects.count()}"]
