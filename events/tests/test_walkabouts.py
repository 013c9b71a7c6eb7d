"""Walkabouts: a resident asks, an officer schedules it (the resident is told), invites staff, promotes it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from engagement.messaging.models import BulkSend, Message
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import (
    BlockFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
)
from events.models import Booking, Event, StaffInvitation, WalkaboutRequest
from events.services.events import staff_invitations_send
from events.services.walkabouts import (
    walkabout_decline,
    walkabout_promote,
    walkabout_schedule,
)
from events.tests.helpers import outbox, remind_at

pytestmark = pytest.mark.django_db


def test_a_resident_asks_for_a_walkabout_on_their_estate(resident_client, resident):
    estate = resident.tenancy.home.block.estate
    form = resident_client.get("/whats-on/walkabouts/ask/").content.decode()
    assert f'value="{estate.pk}" selected' in form

    response = resident_client.post(
        "/whats-on/walkabouts/ask/",
        {
            "estate": estate.pk,
            "what_to_look_at": "Broken lights on the stairs",
            "suggested_dates": "Weekday evenings",
            "group_name": "Crossfields TRA",
        },
    )

    assert response.url == "/whats-on/walkabouts/ask/sent/"
    request = WalkaboutRequest.objects.get()
    assert (request.resident, request.estate, request.group_name) == (resident, estate, "Crossfields TRA")


def test_a_request_without_what_to_look_at_is_explained_and_kept(resident_client, resident):
    page = resident_client.post(
        "/whats-on/walkabouts/ask/", {"estate": resident.tenancy.home.block.estate_id, "suggested_dates": "Saturdays"}
    ).content.decode()
    assert "Tell us what you would like us to look at" in page
    assert "Saturdays" in page


@pytest.fixture
def walkabout_request(resident):
    return WalkaboutRequest.objects.create(
        resident=resident, estate=resident.tenancy.home.block.estate, what_to_look_at="Fly-tipping by the bins"
    )


def test_scheduling_a_request_publishes_the_walkabout_and_tells_the_requester(
    walkabout_request, officer, resident, run_on_commit
):
    starts = timezone.now() + timedelta(days=14)

    event = run_on_commit(
        walkabout_schedule,
        walkabout_request=walkabout_request,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        designated_contact=officer,
        by=officer,
    )

    walkabout_request.refresh_from_db()
    assert walkabout_request.status == WalkaboutRequest.Status.SCHEDULED
    assert walkabout_request.walkabout == event
    assert (event.kind, event.status, event.estate) == (
        Event.Kind.WALKABOUT,
        Event.Status.PUBLISHED,
        walkabout_request.estate,
    )
    assert "Fly-tipping by the bins" in event.description
    assert outbox()[0].to == [resident.email]
    assert "Your walkabout is arranged" in outbox()[0].subject


def test_the_resident_who_asked_is_booked_on_the_walkabout_and_told_their_code(
    walkabout_request, officer, resident, run_on_commit
):
    starts = timezone.now() + timedelta(days=14)

    event = run_on_commit(
        walkabout_schedule,
        walkabout_request=walkabout_request,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        designated_contact=officer,
        by=officer,
    )

    booking = Booking.objects.get(event=event)
    assert (booking.resident, booking.status) == (resident, Booking.Status.CONFIRMED)
    (told,) = outbox()
    assert f"your booking code is {booking.code}" in told.body
    remind_at(starts - timedelta(hours=48))
    assert Message.objects.filter(template="events.event_reminder", resident=resident).exists()


def test_scheduling_the_same_request_twice_makes_one_walkabout(walkabout_request, officer):
    starts = timezone.now() + timedelta(days=14)
    first = walkabout_schedule(
        walkabout_request=walkabout_request,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        designated_contact=officer,
    )
    second = walkabout_schedule(
        walkabout_request=walkabout_request,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        designated_contact=officer,
    )
    assert first == second
    assert Message.objects.filter(template="events.walkabout_scheduled").count() == 1


def test_declining_a_request_tells_the_resident_why(walkabout_request):
    walkabout_decline(walkabout_request=walkabout_request, reply="A walkabout is already planned for next month.")
    message = Message.objects.get(template="events.walkabout_declined")
    assert message.personalisation["reply"] == "A walkabout is already planned for next month."


def test_staff_and_stakeholders_are_invited_once(officer, run_on_commit):
    event = Event.objects.create(
        title="Walkabout",
        kind=Event.Kind.WALKABOUT,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        status=Event.Status.PUBLISHED,
        designated_contact=officer,
        estate=BlockFactory().estate,
    )
    StaffInvitation.objects.create(
        event=event, name="Pat Green", organisation="Grounds maintenance", email="pat@example.gov.uk"
    )

    assert run_on_commit(staff_invitations_send, event=event) == 1
    assert staff_invitations_send(event=event) == 0
    assert [m.to for m in outbox()] == [["pat@example.gov.uk"]]


def test_promotion_invites_the_estates_residents_who_agreed_to_hear_and_nobody_else(officer, run_on_commit):
    block = BlockFactory()
    consenting = ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=block)))
    silent = ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=block)))
    elsewhere = ResidentFactory()
    for resident in (consenting, elsewhere):
        consent_record(
            resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
        )
    event = Event.objects.create(
        title="Walkabout",
        kind=Event.Kind.WALKABOUT,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        status=Event.Status.PUBLISHED,
        estate=block.estate,
    )

    run_on_commit(walkabout_promote, event=event, by=officer)

    sent = Message.objects.filter(template="events.walkabout_promotion")
    assert list(sent.values_list("resident", flat=True)) == [consenting.pk]
    assert BulkSend.objects.get().recorded == 1
    assert f"To stop these emails: {settings.SITE_URL}/u/" in outbox()[0].body
    assert silent.pk not in sent.values_list("resident", flat=True)


def test_staff_are_invited_and_the_walkabout_promoted_from_its_own_page(client, officer, run_on_commit):
    block = BlockFactory()
    consenting = ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=block)))
    consent_record(
        consenting, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
    )
    event = Event.objects.create(
        title="Walkabout",
        kind=Event.Kind.WALKABOUT,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        status=Event.Status.PUBLISHED,
        designated_contact=officer,
        estate=block.estate,
    )
    StaffInvitation.objects.create(event=event, name="Pat Green", organisation="Grounds", email="pat@example.gov.uk")
    client.force_login(officer)
    invite = f"/admin/events/event/{event.pk}/action/send_staff_invitations/"
    promote = f"/admin/events/event/{event.pk}/action/promote_walkabouts/"
    page = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert invite in page and promote in page

    run_on_commit(client.post, invite, {"confirm": "1"})
    run_on_commit(client.post, promote, {"confirm": "1"})

    assert [m.to for m in outbox()] == [["pat@example.gov.uk"], [consenting.email]]
    assert Message.objects.filter(template="events.walkabout_promotion", resident=consenting).exists()
    # Everyone invited: the button goes.
    assert invite not in client.get(f"/admin/events/event/{event.pk}/change/").content.decode()


def test_staff_invited_to_a_walkabout_get_a_calendar_invitation_with_the_meeting_point(officer, run_on_commit):
    from django.core import mail
    from icalendar import Calendar

    from events.tests.factories import EventFactory, VenueFactory

    venue = VenueFactory(name="Crossfields community room", address="Crossfield Street\nLondon", postcode="SE8 4RT")
    walkabout = EventFactory(kind=Event.Kind.WALKABOUT, title="Crossfields walkabout", venue=venue)
    StaffInvitation.objects.create(event=walkabout, name="Sam Repairs", email="sam@example.gov.uk")

    run_on_commit(staff_invitations_send, event=walkabout)

    (email,) = [sent for sent in mail.outbox if sent.to == ["sam@example.gov.uk"]]
    assert "The calendar invitation attached adds it to your calendar" in email.body
    ((name, ics, mimetype),) = email.attachments
    assert (name, mimetype) == ("invitation.ics", "text/calendar")
    (item,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(item["SUMMARY"]) == "Crossfields walkabout"
    assert "Crossfields community room" in str(item["LOCATION"]) and "SE8 4RT" in str(item["LOCATION"])


def test_staff_invited_through_notify_are_not_told_of_a_calendar_file_notify_cannot_attach(notify_stub, run_on_commit):
    from events.tests.factories import EventFactory

    walkabout = EventFactory(kind=Event.Kind.WALKABOUT, title="Crossfields walkabout")
    invitation = StaffInvitation.objects.create(event=walkabout, name="Sam Repairs", email="sam@example.gov.uk")

    run_on_commit(staff_invitations_send, event=walkabout)

    [sent] = notify_stub.sent_to(f"staff-invitation:{invitation.pk}:{walkabout.starts_at:%Y%m%d%H%M}")
    assert sent["email_address"] == "sam@example.gov.uk"
    assert "Crossfields walkabout" in sent["body"]
    assert "attached" not in sent["body"]


def test_promoting_twice_sends_only_to_residents_not_yet_invited_and_counts_residents(client, officer, run_on_commit):
    block = BlockFactory()

    def consenting_resident():
        resident = ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=block)))
        consent_record(
            resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
        )
        return resident

    for _ in range(3):
        consenting_resident()
    event = Event.objects.create(
        title="Walkabout",
        kind=Event.Kind.WALKABOUT,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1),
        status=Event.Status.PUBLISHED,
        designated_contact=officer,
        estate=block.estate,
    )
    client.force_login(officer)
    promote = f"/admin/events/event/{event.pk}/action/promote_walkabouts/"

    first = run_on_commit(client.post, promote, {"confirm": "1"}, follow=True).content.decode()
    second = run_on_commit(client.post, promote, {"confirm": "1"}, follow=True).content.decode()
    newcomer = consenting_resident()
    third = run_on_commit(client.post, promote, {"confirm": "1"}, follow=True).content.decode()

    assert "Invitations to 3 resident(s) are on their way." in first
    assert "Invitations to 0 resident(s)" in second and "1 walkabout(s) had no one new to invite" in second
    assert "Invitations to 1 resident(s) are on their way." in third
    assert list(BulkSend.objects.order_by("pk").values_list("recorded", flat=True)) == [3, 1]
    sent = Message.objects.filter(template="events.walkabout_promotion", status=Message.Status.SENT)
    assert sent.count() == 4 and sent.filter(resident=newcomer).count() == 1
    assert len(outbox()) == 4
