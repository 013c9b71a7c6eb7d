"""Factories for panels, building on the shared ones."""

import io
import zipfile
from datetime import date, timedelta

import factory
from django.utils import timezone

from engagement.tests.factories import BlockFactory, HomeFactory, ResidentFactory, TenancyFactory
from events.models import Event
from events.tests.factories import EventFactory
from panels.demo import demo_pdf
from panels.models import (
    ActionLogItem,
    EligibilityRule,
    Format,
    Membership,
    Panel,
    PanelApplication,
    PanelMeeting,
    Recommendation,
)


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Panel {n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    kind = Panel.Kind.OTHER_BOARD
    service_area = "Repairs"
    purpose = "Looking at the repairs service from a resident's point of view."
    how_often = "Once a month"
    how_long = "About 2 hours"
    meeting_format = Format.BOTH


class TaskAndFinishPanelFactory(PanelFactory):
    kind = Panel.Kind.TASK_AND_FINISH
    task = "Review the service."
    outcome_required = "Recommendations to improve it."
    deliver_by = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=180))


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityRule

    panel = factory.SubFactory(PanelFactory)
    rule = "any_resident"


def resident_living(*, tenure="council_tenant", higher_risk=False, independent_living=False, estate=None, **kwargs):
    """A resident with a verified tenancy of this tenure, in a block of this kind."""
    block_kwargs = {"is_higher_risk": higher_risk, "is_independent_living": independent_living}
    if estate is not None:
        block_kwargs["estate"] = estate
    home = HomeFactory(block=BlockFactory(**block_kwargs))
    return ResidentFactory(tenancy=TenancyFactory(tenure_type=tenure, home=home), **kwargs)


class PanelApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelApplication

    panel = factory.SubFactory(PanelFactory)
    resident = factory.SubFactory(ResidentFactory)
    status = PanelApplication.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    why_join = "I want repairs to be done right first time."
    availability = "Evenings"
    wants_training = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    panel = factory.SubFactory(PanelFactory)
    resident = factory.SubFactory(ResidentFactory)
    role = Membership.Role.MEMBER
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))


class PanelMeetingEventFactory(EventFactory):
    """A panel meeting's event, as panels.services.meetings makes them; by default two weeks ago."""

    title = "Panel meeting"
    kind = Event.Kind.PANEL_MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) - timedelta(days=14))
    invitation_only = True
    listed = False
    capacity = None


class PanelMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting made directly: nobody is invited (panel_meeting_schedule does that)."""

    class Meta:
        model = PanelMeeting

    panel = factory.SubFactory(PanelFactory)
    event = factory.SubFactory(PanelMeetingEventFactory)
    agenda = "1. Welcome\n2. Repairs performance"


class ActionLogItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLogItem

    panel = factory.SubFactory(PanelFactory)
    action = factory.Sequence(lambda n: f"Action number {n}")
    owner = "Head of Repairs"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    panel = factory.SubFactory(TaskAndFinishPanelFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Inspect every reported case of mould within 10 working days."
    made_on = date(2026, 3, 1)


def pdf_bytes() -> bytes:
    return demo_pdf("Minutes")


def office_bytes(folder: str = "word/", *, macros: bool = False) -> bytes:
    """A minimal Office Open XML package: the parts a real .docx/.xlsx/.pptx always has."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
        if macros:
            archive.writestr(f"{folder}vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def opendocument_bytes(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def admin_when_and_where(event) -> dict:
    """The meeting admin form's fields for its event's time and place, as a browser posts them."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return {
        "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{ends:%Y-%m-%dT%H:%M}",
        "format": event.format,
        "venue": event.venue_id or "",
        "joining_link": event.joining_link,
        "publish": "on" if event.status != Event.Status.DRAFT else "",
    }
