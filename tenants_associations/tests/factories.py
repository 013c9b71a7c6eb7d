"""Factories for TRAs, building on the shared ones."""

import io
import zipfile
from datetime import date, time, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
    WardFactory,
)
from events.models import Event
from events.tests.factories import EventFactory, VenueFactory
from tenants_associations.models import (
    CommitteeRole,
    CommunityRoom,
    Membership,
    OpeningHours,
    RecognitionStatus,
    ResourceCentre,
    StartingInterest,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class TenantsAssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantsAssociation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Estate {n} TRA")
    slug = factory.LazyAttribute(lambda tra: slugify(tra.name))
    ward = factory.SubFactory(WardFactory)
    status = RecognitionStatus.RECOGNISED
    recognised_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    next_agm_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))

    @factory.post_generation
    def covers(tra, create, extracted, **kwargs):
        """covers=[estate, …]; by default a new estate in the TRA's ward."""
        if create:
            tra.estates.set(extracted if extracted is not None else [EstateFactory(ward=tra.ward)])


def tra_for(estate, **kwargs) -> TenantsAssociation:
    """A TRA covering the whole of this estate."""
    return TenantsAssociationFactory(ward=estate.ward, covers=[estate], **kwargs)


def resident_on(estate, **kwargs):
    """A resident whose verified home is on this estate."""
    block = estate.blocks.first() or BlockFactory(estate=estate)
    return ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=block)), **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    tra = factory.SubFactory(TenantsAssociationFactory)
    resident = factory.LazyAttribute(lambda membership: resident_on(membership.tra.estates.first()))
    status = Membership.Status.MEMBER


class CommitteeRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeRole
        skip_postgeneration_save = True

    tra = factory.SubFactory(TenantsAssociationFactory)
    resident = factory.LazyAttribute(lambda role: resident_on(role.tra.estates.first()))
    role = CommitteeRole.Role.SECRETARY
    term_starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    term_ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=330))

    @factory.post_generation
    def member(role, create, extracted, **kwargs):
        if create and extracted is not False:
            Membership.objects.get_or_create(
                tra=role.tra, resident=role.resident, defaults={"status": Membership.Status.MEMBER}
            )


class TRAMeetingEventFactory(EventFactory):
    """A TRA meeting's event, in two weeks (as tenants_associations.services.meetings makes them)."""

    title = "TRA general meeting"
    kind = Event.Kind.TRA_MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) + timedelta(days=14))
    venue = factory.SubFactory(VenueFactory, name="Community room")
    capacity = None


class TRAMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting made directly: nobody is invited or told (the services do that)."""

    class Meta:
        model = TRAMeeting

    tra = factory.SubFactory(TenantsAssociationFactory)
    kind = TRAMeeting.Kind.GENERAL
    event = factory.SubFactory(TRAMeetingEventFactory)


class TRADocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TRADocument

    tra = factory.SubFactory(TenantsAssociationFactory)
    kind = TRADocument.Kind.CONSTITUTION
    title = "Constitution"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="constitution.pdf"))
    original_name = "constitution.pdf"
    visibility = TRADocument.Visibility.PUBLIC


class StartingInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartingInterest

    estate = factory.SubFactory(EstateFactory)
    resident = factory.LazyAttribute(lambda interest: resident_on(interest.estate))
    could_help = False
    registered_at = factory.LazyFunction(timezone.now)


def a_date(days_from_today: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_today)


def centre_with_room(
    name: str = "Taplow Resource Centre",
    *,
    room: str = "Meeting room 1",
    opens=time(9),
    closes=time(21),
    weekdays=range(7),
    **fields,
) -> CommunityRoom:
    """A resource centre open `weekdays` (Monday 0) from `opens` to `closes`, with one room TRAs can book."""
    centre = ResourceCentre.objects.create(
        name=name,
        slug=slugify(name),
        kind=fields.pop("kind", ResourceCentre.Kind.RESOURCE_CENTRE),
        venue=VenueFactory(name=name),
        **fields,
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(centre=centre, weekday=day, opens=opens, closes=closes) for day in weekdays
    )
    return CommunityRoom.objects.create(centre=centre, name=room, capacity=30)
