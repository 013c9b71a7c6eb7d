"""Factories for events, building on the shared ones."""

from datetime import timedelta

import factory
from django.utils import timezone

from engagement.tests.factories import EstateFactory
from events.models import Booking, Event, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Community hall {n}")
    address = "1 High Street\nLondon"
    postcode = "SE8 3AB"
    estate = factory.SubFactory(EstateFactory)
    how_to_get_there = "Buses 47 and 188 stop outside."
    accessibility_notes = "Step-free entrance at the side. Accessible toilet. Hearing loop."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Repairs open day {n}")
    description = "Meet repairs staff and report repairs."
    kind = Event.Kind.REPAIRS_OPEN_DAY
    format = Event.Format.IN_PERSON
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    status = Event.Status.PUBLISHED
    venue = factory.SubFactory(VenueFactory)
    estate = factory.LazyAttribute(lambda event: event.venue.estate if event.venue else None)
    capacity = 20


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    event = factory.SubFactory(EventFactory)
    resident = factory.SubFactory("engagement.tests.factories.ResidentFactory")
    status = Booking.Status.CONFIRMED
