"""Demo data: today's panels, boards and forums from the council's engagement framework.

Panels are keyed on their web address; meetings (with their events), actions, members and
applications are added only to panels that have none yet, so loading twice changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from engagement.decisions.models import Decision, DecisionStatusChange, Status, Topic
from engagement.models import Resident, TenureType, User
from events.models import Booking, Event, Invitation, Venue
from events.services.events import event_create
from events.services.surgeries import same_weekday_of_month
from panels.models import (
    ActionLogItem,
    EligibilityRule,
    Format,
    MeetingDocument,
    Membership,
    Panel,
    PanelApplication,
    PanelMeeting,
    Seat,
)

LEASEHOLDERS = [TenureType.RESIDENT_LEASEHOLDER]


def _months_ahead(months: int) -> date:
    """The last day of the month `months` from the month the demo is loaded in: recruiting panels deliver later."""
    today = timezone.localdate()
    year, month = divmod(today.month - 1 + months + 1, 12)
    return date(today.year + year, month + 1, 1) - timedelta(days=1)


EVERY_TASK_AND_FINISH = {
    "kind": Panel.Kind.TASK_AND_FINISH,
    "how_often": "Once a month for 6 months",
    "how_long": "About 2 hours each meeting, with some reading before",
    "meeting_format": Format.BOTH,
    "training_offered": True,
    "training_details": "an introduction to the service, and to how panels work, before the first meeting",
}


def panel_specs() -> dict[str, tuple[dict, list]]:
    """Today's panels by web address: (fields, rules as (rule, tenure types)), dated from the day of loading."""
    return {
        "tackling-damp-and-mould": (
            {
                **EVERY_TASK_AND_FINISH,
                "name": "Tackling damp and mould panel",
                "service_area": "Repairs and maintenance",
                "purpose": "Residents and staff looking together at how we find, fix and prevent damp and mould in "
                "residents' homes, and how we keep residents informed while we do.",
                "task": "Review how reports of damp and mould are handled, from the first call to the repair that "
                "fixes the cause.",
                "outcome_required": "Recommendations to improve the damp and mould policy, and a resident-checked standard "
                "for how quickly we respond to reports.",
                "deliver_by": _months_ahead(9),
                "position": 1,
            },
            [("any_resident", [])],
        ),
        "repair-improvement-plan": (
            {
                **EVERY_TASK_AND_FINISH,
                "name": "Repair improvement plan panel",
                "service_area": "Repairs",
                "purpose": "Shaping the repair improvement plan with the residents who use the repairs service.",
                "task": "Test the repair improvement plan's actions against residents' experience of repairs.",
                "outcome_required": "A resident view on each action in the plan, and what residents would change.",
                "deliver_by": _months_ahead(7),
                "position": 2,
            },
            [("any_resident", [])],
        ),
        "capital-programme-evidence": (
            {
                **EVERY_TASK_AND_FINISH,
                "name": "Capital programme evidence panel",
                "service_area": "Capital works and investment",
                "purpose": "How capital programmes are put together, and the evidence that supports investment, "
                "looked at by the leaseholders who contribute to their cost.",
                "task": "Review how capital programmes are constructed and the evidence used to decide on investment.",
                "outcome_required": "Recommendations on what evidence leaseholders should see before major works "
                "are agreed.",
                "deliver_by": _months_ahead(10),
                "position": 3,
            },
            [("tenure", LEASEHOLDERS)],
        ),
        "energy-efficiency": (
            {
                **EVERY_TASK_AND_FINISH,
                "name": "Energy efficiency panel",
                "service_area": "Energy and sustainability",
                "purpose": "Leaseholders helping us plan energy efficiency works to blocks, and how they are explained "
                "and charged.",
                "task": "Look at the planned energy efficiency works and how leaseholders are consulted on them.",
                "outcome_required": "Recommendations on consulting leaseholders about energy efficiency works and "
                "their cost.",
                "deliver_by": _months_ahead(11),
                "position": 4,
            },
            [("tenure", LEASEHOLDERS)],
        ),
        "service-and-performance-panel": (
            {
                "name": "Service and Performance Panel",
                "kind": Panel.Kind.SERVICE_AND_PERFORMANCE,
                "service_area": "All housing services",
                "purpose": "Residents, Tenants and Residents Association representatives and senior housing staff. "
                "The panel gives residents a say on performance and oversees the community engagement framework.",
                "how_often": "Every 2 months",
                "how_long": "About 2 hours each meeting; members serve a 2-year term",
                "meeting_format": Format.BOTH,
                "training_offered": True,
                "training_details": "reading performance reports, and how the panel works",
                "tra_seats": 2,
                "publishes_records": True,
                # Due for review a fortnight ago: the panel page says it is being reviewed with residents.
                "terms_of_reference_review_date": timezone.localdate() - timedelta(days=14),
                "position": 10,
            },
            [("any_resident", [])],
        ),
        "building-safety-panel": (
            {
                "name": "Building safety panel",
                "kind": Panel.Kind.BUILDING_SAFETY,
                "service_area": "Building safety",
                "purpose": "Residents working with our Health and Safety, Fire Safety and Building Safety teams so that "
                "residents are engaged in how their buildings are kept safe.",
                "how_often": "Every 3 months",
                "how_long": "About 90 minutes each meeting",
                "meeting_format": Format.BOTH,
                "training_offered": True,
                "training_details": "an introduction to the Building Safety Act and fire safety in your building",
                "contact_name": "the building safety team",
                "contact_email": "BuildingSafety@lewisham.gov.uk",
                "position": 11,
            },
            [("higher_risk_building", [])],
        ),
        "leasehold-forum": (
            {
                "name": "Leasehold forum",
                "kind": Panel.Kind.LEASEHOLD_FORUM,
                "service_area": "Homeownership",
                "purpose": "Our Homeownership team oversees the leasehold forum, where leaseholders give feedback on "
                "the services they pay for.",
                "how_often": "Every 3 months",
                "how_long": "About 2 hours",
                "meeting_format": Format.ONLINE,
                "contact_name": "the Homeownership team",
                "contact_email": "homeownership@example.gov.uk",
                "position": 20,
            },
            [("tenure", LEASEHOLDERS)],
        ),
        "independent-living-forum": (
            {
                "name": "Independent living forum",
                "kind": Panel.Kind.INDEPENDENT_LIVING_FORUM,
                "service_area": "Independent living",
                "purpose": "A resident-led forum supporting residents and understanding and managing issues across "
                "independent living schemes.",
                "how_often": "Every 2 months",
                "how_long": "About 90 minutes, with refreshments",
                "meeting_format": Format.IN_PERSON,
                "contact_name": "the independent living team",
                "contact_email": "independent.living@example.gov.uk",
                "position": 21,
            },
            [("independent_living", [])],
        ),
    }


def demo_pdf(title: str) -> bytes:
    """A one-page PDF saying what it is: enough for the demo's documents to open."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _panels() -> dict[str, Panel]:
    panels = {}
    for slug, (fields, rules) in panel_specs().items():
        panel, created = Panel.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            for rule, tenure_types in rules:
                EligibilityRule.objects.create(panel=panel, rule=rule, tenure_types=tenure_types)
        panels[slug] = panel
    spp = panels["service-and-performance-panel"]
    # Its TRA seats are for TRA representatives, checked online.
    EligibilityRule.objects.get_or_create(panel=spp, rule="tra_representative", for_seat=Seat.TRA_REPRESENTATIVE)
    if not spp.terms_of_reference:
        spp.terms_of_reference.save(
            "terms-of-reference.pdf",
            ContentFile(demo_pdf("Service and Performance Panel: terms of reference")),
            save=True,
        )
    return panels


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _meeting(panel: Panel, officer: User | None, *, day: date, fmt: str, venue: Venue | None, **fields):
    """A meeting with its event, made directly: loading the demo sends nobody an invitation."""
    event = event_create(
        kind=Event.Kind.PANEL_MEETING,
        title=f"{panel.name} meeting",
        description=f"A meeting of the {panel.name} for its members.",
        organiser=panel.name,
        format=fmt,
        starts_at=_at(day, 18),
        ends_at=_at(day, 20),
        venue=venue,
        joining_link=fields.pop("joining_link", ""),
        invitation_only=True,
        listed=False,
        lead_officer=officer,
        publish=True,
    )
    if not event.has_ended:
        members = Resident.objects.filter(panel_memberships__panel=panel, panel_memberships__ended_on__isnull=True)
        Invitation.objects.bulk_create(
            [Invitation(event=event, resident=resident, notified_at=timezone.now()) for resident in members]
        )
    return PanelMeeting.objects.create(panel=panel, event=event, **fields)


def _meetings_and_actions(panel: Panel, officer: User | None) -> None:
    if panel.meetings.exists():
        return
    today = timezone.localdate()
    laurence_house, _ = Venue.objects.get_or_create(
        name="Laurence House",
        defaults={
            "address": "1 Catford Road\nLondon",
            "postcode": "SE6 4RU",
            "how_to_get_there": "Catford and Catford Bridge stations are 3 minutes away.",
            "accessibility_notes": "Step-free entrance on Catford Road. Accessible toilets. Hearing loop in room 1.",
        },
    )
    approved = _meeting(
        panel,
        officer,
        day=today - timedelta(days=63),
        fmt=Event.Format.HYBRID,
        venue=laurence_house,
        agenda="1. Welcome and apologies\n2. Repairs performance: the quarter's figures\n"
        "3. Complaints: what residents told us\n4. The engagement framework: six months on\n5. Any other business",
        minutes="Present: 7 residents, 2 TRA representatives, the Director of Housing Services.\n\n"
        "Repairs: the panel asked why emergency repairs completed on time fell to 91%. Officers explained the "
        "contractor change and agreed to report monthly until it recovers.\n\n"
        "Complaints: the panel asked for complaint themes by estate at the next meeting.",
        minutes_approved_at=timezone.now() - timedelta(days=3),
        minutes_approved_by=officer,
    )
    MeetingDocument.objects.create(
        meeting=approved,
        title="Repairs performance report",
        file=ContentFile(demo_pdf("Repairs performance report"), name="repairs-performance.pdf"),
        uploaded_by=officer,
    )
    _meeting(
        panel,
        officer,
        day=today - timedelta(days=7),
        fmt=Event.Format.ONLINE,
        venue=None,
        joining_link="https://meet.example.gov.uk/service-and-performance-panel",
        agenda="1. Complaint themes by estate\n2. Damp and mould: update from the task and finish panel",
        minutes="Draft minutes, waiting for the panel to approve them at its next meeting.",
    )
    upcoming = _meeting(
        panel,
        officer,
        day=today + timedelta(days=21),
        fmt=Event.Format.HYBRID,
        venue=laurence_house,
        joining_link="https://meet.example.gov.uk/service-and-performance-panel",
        agenda="1. Approve the minutes of the last meeting\n2. Tenant satisfaction measures\n"
        "3. Review of the terms of reference",
    )
    # The chair has said they are coming, so signed in as them the joining link shows.
    chair = Membership.objects.filter(panel=panel, role=Membership.Role.CHAIR, ended_on__isnull=True).first()
    if chair is not None:
        Booking.objects.create(event=upcoming.event, resident=chair.resident)
    for action, owner, due_in, status, notes in (
        (
            "Report emergency repairs performance monthly until back above 95%",
            "Head of Repairs",
            -14,
            ActionLogItem.Status.IN_PROGRESS,
            "First monthly report sent to members.",
        ),
        (
            "Bring complaint themes by estate to the next meeting",
            "Complaints Manager",
            -7,
            ActionLogItem.Status.DONE,
            "Presented at the last meeting.",
        ),
        (
            "Review the terms of reference with residents",
            "Community Relations Manager",
            -30,
            ActionLogItem.Status.NOT_STARTED,
            "",
        ),
        (
            "Publish the tenant satisfaction measures on the portal",
            "Performance Manager",
            28,
            ActionLogItem.Status.NOT_STARTED,
            "",
        ),
    ):
        ActionLogItem.objects.create(
            panel=panel,
            meeting=approved,
            action=action,
            owner=owner,
            due_date=today + timedelta(days=due_in),
            status=status,
            update_notes=notes,
        )


def _members(panel: Panel, officer: User | None) -> int:
    if panel.memberships.exists():
        return 0
    residents = list(Resident.objects.filter(user__email__endswith="@example.com").order_by("user__email")[:5])
    started = timezone.localdate() - timedelta(days=200)
    roles = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR] + [Membership.Role.MEMBER] * 3
    for resident, role in zip(residents, roles, strict=False):
        Membership.objects.create(
            panel=panel, resident=resident, role=role, started_on=started, term_ends_on=started + timedelta(days=730)
        )
    if officer is not None:
        Membership.objects.create(
            panel=panel, staff_user=officer, role=Membership.Role.STAFF_MEMBER, started_on=started
        )
    return len(residents)


def _applications(panel: Panel) -> int:
    if panel.applications.exists():
        return 0
    leaseholders = Resident.objects.with_home().filter(
        user__email__endswith="@example.com", tenancy__tenure_type=TenureType.RESIDENT_LEASEHOLDER
    )
    # Made directly, not through application_submit: loading demo data sends nobody a message.
    for resident in leaseholders.order_by("user__email")[:3]:
        PanelApplication.objects.create(
            panel=panel,
            resident=resident,
            status=PanelApplication.Status.SUBMITTED,
            submitted_at=timezone.now(),
            why_join="Our block's heating is old and expensive. I want to understand the options and the costs.",
            experience="I sit on my block's residents' committee.",
            availability="Weekday evenings, online or in person.",
            wants_training=True,
        )
    return panel.applications.count()


# A monthly surgery at Downham Fields over the past year, and how many came each month: falling away
# over the winter, then picking up once it moved to the library. Its chart shows the board's point:
# surgeries continue only where residents come.
BOARD_SURGERY = "Housing officer surgery: Downham Fields"
BOARD_SURGERY_CAME = (6, 5, 5, 3, 2, 2, 1, 3, 4, 5, 6, 7)

# Decisions due in past quarters, so the board has something to say about keeping to target dates:
# (title, what residents said, what we decided, target days ago, status, done days after the target).
BOARD_DECISIONS = (
    (
        "Repairs appointments in the evenings",
        "Working residents cannot wait in all day for a repair.",
        "Repairs now offers appointments until 8pm on weekdays.",
        240,
        "done",
        -10,
    ),
    (
        "Bulky waste collected every month on each estate",
        "Dumped furniture stays on estates for weeks.",
        "Every estate has a monthly bulky waste day, on its notice board.",
        150,
        "done",
        21,
    ),
    (
        "Stairwell lighting at Downham Fields",
        "Stairwells are dark in the evenings and feel unsafe.",
        "Every stairwell light is checked each month and fixed within a week.",
        60,
        "done",
        0,
    ),
    (
        "Repairs line answered within three minutes",
        "Calls to the repairs line wait too long.",
        "More staff answer the line at its busiest times, and we publish the waiting times.",
        40,
        "in_progress",
        None,
    ),
)


def _first_weekday_months_ago(today: date, months: int, weekday: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    first = date(index // 12, index % 12 + 1, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _board_history(today: date, officer: User | None) -> int:
    """A year of monthly surgeries with attendance and decisions due in past quarters, for the performance board.

    Keyed on the series' title: once it exists, nothing is added again."""
    if Event.objects.filter(title=BOARD_SURGERY).exists():
        return 0
    residents = list(
        Resident.objects.filter(tenancy_verified_at__isnull=False).order_by("pk")[: max(BOARD_SURGERY_CAME) + 1]
    )
    venue = Venue.objects.filter(name="Downham Fields Library").first()
    first_tuesday = _first_weekday_months_ago(today, len(BOARD_SURGERY_CAME), weekday=1)
    series = None
    for months, came in enumerate(BOARD_SURGERY_CAME):
        day = same_weekday_of_month(first_tuesday, months)
        if day is None or day >= today:
            continue
        surgery = Event.objects.create(
            title=BOARD_SURGERY,
            description="Drop in to talk to your housing officer about your tenancy, your home or your estate.",
            kind=Event.Kind.SURGERY,
            starts_at=_at(day, 17),
            ends_at=_at(day, 19),
            venue=venue,
            estate=venue.estate if venue else None,
            housing_officer=officer,
            lead_officer=officer,
            capacity=15,
            status=Event.Status.COMPLETED,
            copied_from=series,
        )
        series = series or surgery
        for position, resident in enumerate(residents[: came + 1]):
            attended = position < came
            Booking.objects.create(
                event=surgery,
                resident=resident,
                attendance=Booking.Attendance.ATTENDED if attended else Booking.Attendance.NO_SHOW,
            )
    for title, you_said, we_did, days_ago, status, done_after in BOARD_DECISIONS:
        target = today - timedelta(days=days_ago)
        decision, made = Decision.objects.get_or_create(
            title=title,
            defaults={
                "you_said": you_said,
                "we_did": we_did,
                "status": status,
                "target_date": target,
                "topic": Topic.REPAIRS,
                "owner": officer,
                "published_at": _at(target - timedelta(days=90), 9),
            },
        )
        if made:
            DecisionStatusChange.objects.create(
                decision=decision, status=Status.AGREED, changed_on=target - timedelta(days=90)
            )
            # The history ends at the decision's status, as it would had officers changed it in admin.
            if status != Status.AGREED:
                changed_on = (
                    target + timedelta(days=done_after) if done_after is not None else target - timedelta(days=30)
                )
                DecisionStatusChange.objects.create(decision=decision, status=status, changed_on=changed_on)
    return len(BOARD_SURGERY_CAME)


@transaction.atomic
def load() -> list[str]:
    panels = _panels()
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    spp = panels["service-and-performance-panel"]
    # Members first: the meetings still to come invite them.
    members = _members(spp, officer)
    _meetings_and_actions(spp, officer)
    applications = _applications(panels["energy-efficiency"])
    history = _board_history(timezone.localdate(), officer)
    lines = [f"{len(panels)} panels, boards and forums (see /panels/)."]
    if members or applications:
        lines.append(
            f"  Service and Performance Panel: {members} resident members, meetings, minutes and an action log; "
            f"energy efficiency panel: {applications} applications for officers to review in admin."
        )
    if history:
        lines.append(
            f"  Performance board: /panels/{spp.slug}/performance/ (a year of surgeries at Downham Fields, "
            "decisions due in past quarters)."
        )
    return lines
