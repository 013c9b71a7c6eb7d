"""Demo decisions from several sources, dated from today, linked to what the other apps' demos made.

Safe to load twice: every record is found by its title (or its event) before anything is made.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from engagement.decisions.models import (
    Action,
    ClosingReport,
    Decision,
    DecisionSource,
    DecisionStatusChange,
    Status,
    Topic,
)
from engagement.models import ContactEnquiry, Estate, Resident, User
from events.models import Event, Issue, IssueCategory, Visit
from events.services.issues import issue_raise
from panels.models import Panel, Recommendation
from surveys.models import Survey, Theme
from surveys.models import Topic as Discussion
from tenants_associations.models import TenantsAssociation


def _decision(title: str, *, sources: list[dict], history: list[tuple[int, str, str]], **fields) -> Decision:
    """history: (days ago, status, note), oldest first; the decision ends at the last one."""
    today = timezone.localdate()
    estates = fields.pop("estates", [])
    decision, created = Decision.objects.get_or_create(title=title, defaults={**fields, "status": history[-1][1]})
    if created:
        decision.estates.set([estate for estate in estates if estate is not None])
        for source in sources:
            if any(value is not None for value in source.values()):
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


def _open_day_issue() -> Issue | None:
    """An issue raised at the repairs open day already held."""
    open_day = Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY, ends_at__lt=timezone.now()).first()
    category = IssueCategory.objects.filter(code="repairs").first()
    if open_day is None or category is None:
        return None
    existing = Issue.objects.filter(event=open_day, location="Stairwell lights, Block A").first()
    if existing is not None:
        return existing
    raiser = Resident.objects.filter(tenancy__home__block__estate=open_day.estate).order_by("pk").first()
    return issue_raise(
        category=category,
        location="Stairwell lights, Block A",
        description="The stairwell lights have been off for three weeks.",
        estate=open_day.estate,
        event=open_day,
        raised_by=raiser,
    )


_ROADSHOW_REPORT = {
    "people_came": 60,
    "what_was_raised": "The Director of Housing Services took questions on repairs waiting times, damp and mould, "
    "and service charges.",
    "what_happens_next": "We publish repairs waiting times by estate every month, and explain service charge bills "
    "at the leasehold forum.",
}
_OPEN_DAY_REPORT = {
    "people_came": 32,
    "what_was_raised": "41 repairs: 35 are done, the rest have dates. Residents asked for the communal lights in "
    "Dacca Court to be checked monthly.",
    "what_happens_next": "We now check the communal lights monthly.",
}


def _closing_reports(officer) -> None:
    """Every roadshow and repairs open day already held says what came of it."""
    held = Event.objects.filter(
        ends_at__lt=timezone.now(),
        status=Event.Status.COMPLETED,
        kind__in=[Event.Kind.ROADSHOW, Event.Kind.REPAIRS_OPEN_DAY],
    )
    for event in held:
        report = _ROADSHOW_REPORT if event.kind == Event.Kind.ROADSHOW else _OPEN_DAY_REPORT
        ClosingReport.objects.get_or_create(event=event, defaults=report | {"created_by": officer})


def _roadshow_action(officer) -> Action | None:
    """The last roadshow held (or, if none yet, the repairs open day held): its closing report and action plan."""
    held = Event.objects.filter(ends_at__lt=timezone.now(), status=Event.Status.COMPLETED).order_by("-starts_at")
    roadshow = (
        held.filter(kind=Event.Kind.ROADSHOW).first()
        or Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY, ends_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if roadshow is None:
        return None
    report, created = ClosingReport.objects.get_or_create(
        event=roadshow, defaults=_ROADSHOW_REPORT | {"created_by": officer}
    )
    if created:
        today = timezone.localdate()
        Action.objects.create(
            report=report,
            action="Publish repairs waiting times by estate every month",
            owner=officer,
            due_date=today + timedelta(days=30),
            status=Action.Status.IN_PROGRESS,
        )
        Action.objects.create(
            report=report,
            action="Explain service charge bills at the leasehold forum",
            owner=officer,
            due_date=today + timedelta(days=60),
        )
    return report.actions.order_by("pk").first()


def _enquiry() -> ContactEnquiry:
    enquiry, _ = ContactEnquiry.objects.get_or_create(
        name="Sam Example",
        message="The bin store on our estate is dark and people are scared to use it at night.",
        defaults={"email": "sam.example@example.com"},
    )
    return enquiry


@transaction.atomic
def load() -> list[str]:
    now, today = timezone.now(), timezone.localdate()
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    repairs = Survey.objects.filter(slug="repairs-how-are-we-doing").first()
    issue = _open_day_issue()
    _closing_reports(officer)
    _decision(
        "Repair appointments you can choose",
        you_said="Residents told us that waiting in all day for a repair was the biggest problem, and that "
        "appointments were missed without warning.",
        how_many=9,
        we_did="You can now choose a morning or afternoon slot, and the operative texts you 30 minutes before "
        "they arrive. Missed appointments fell by a third in three months.",
        topic=Topic.REPAIRS,
        owner=officer,
        target_date=today - timedelta(days=5),
        published_at=now - timedelta(days=2),
        sources=[
            {"survey": repairs},
            {"issue": issue},
            {"theme": Theme.objects.filter(survey=repairs, name="Keeping to appointments").first()},
        ],
        history=[(30, Status.CONSIDERING, ""), (20, Status.AGREED, ""), (2, Status.DONE, "Slots live for all trades.")],
    )
    _decision(
        "Damp and mould visits within 10 working days",
        you_said="The damp and mould panel told us residents waited too long for a first visit.",
        we_did="Every damp or mould report now gets a visit within 10 working days.",
        topic=Topic.DAMP,
        owner=officer,
        target_date=today + timedelta(days=30),
        published_at=now - timedelta(days=20),
        sources=[{"recommendation": _damp_recommendation()}],
        history=[(40, Status.AGREED, ""), (20, Status.IN_PROGRESS, "New visit booking in place for two areas.")],
    )
    _decision(
        "Repairs waiting times published by estate",
        you_said="At the roadshow and the repairs open day, residents asked how long repairs take on their own estate.",
        how_many=60,
        we_did="We will publish repairs waiting times for every estate each month.",
        topic=Topic.REPAIRS,
        owner=officer,
        target_date=today + timedelta(days=30),
        published_at=now - timedelta(days=10),
        sources=[{"action": _roadshow_action(officer)}],
        history=[(12, Status.AGREED, ""), (10, Status.IN_PROGRESS, "The first month's figures are being checked.")],
    )
    bin_discussion = Discussion.objects.filter(title="What would make your estate's bin stores better?").first()
    _decision(
        "Brighter, bigger bin stores",
        you_said="In the sounding board discussion and in messages to us, residents said bin stores are too dark "
        "at night and recycling bins are full by Tuesday.",
        how_many=14,
        we_did="We will fit motion-sensor lights in every bin store on the three estates being redesigned this "
        "year, and add a second recycling collection each week.",
        topic=Topic.ESTATE,
        owner=officer,
        target_date=today + timedelta(days=90),
        published_at=now - timedelta(days=5),
        estates=list(Estate.objects.filter(name="Honor Oak Rise")),
        sources=[{"topic": bin_discussion}, {"enquiry": _enquiry()}],
        history=[(7, Status.CONSIDERING, ""), (5, Status.AGREED, "Funding agreed for the lights.")],
    )
    doorstep = Visit.objects.filter(outcome=Visit.Outcome.ISSUE_RAISED).order_by("pk").first()
    _decision(
        "Mould checks after cleaning",
        you_said="On the doorstep, residents told us mould came back within weeks of being cleaned.",
        we_did="We are considering a follow-up check six weeks after every mould treatment.",
        topic=Topic.DAMP,
        owner=officer,
        # Past its date, so the Service and Performance Panel sees one overdue decision.
        target_date=today - timedelta(days=3),
        published_at=now - timedelta(days=25),
        estates=[doorstep.estate if doorstep else None],
        sources=[{"visit": doorstep}],
        history=[(25, Status.CONSIDERING, "")],
    )
    tra = TenantsAssociation.objects.order_by("pk").first()
    _decision(
        "An outdoor gym on the estate",
        you_said="The TRA asked for an outdoor gym on the green.",
        we_did="We will not build a gym this year.",
        status=Status.NOT_DOING,
        reason_not_doing="The green is a flood-relief area and cannot take fixed equipment. We will fund two "
        "walking groups instead.",
        topic=Topic.COMMUNITY,
        owner=officer,
        published_at=now - timedelta(days=15),
        sources=[{"tra": tra, "note": "An outdoor gym on the green"}],
        history=[(30, Status.CONSIDERING, ""), (15, Status.NOT_DOING, "The green is a flood-relief area.")],
    )
    return [f"Decisions: {Decision.objects.count()}; closing reports: {ClosingReport.objects.count()}"]
