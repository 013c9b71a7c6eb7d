"""Reminders: recorded in the outbox when a place is confirmed, sent by messaging's sweep when they are
due, and kept in step with whatever the officer (or another app) changes about the event."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement.dates import when_text
from engagement.messaging.models import Message
from events.models import Booking
from events.services.attendance import walk_in_add
from events.services.bookings import booking_cancel, booking_create, offer_accept
from events.services.events import event_cancel, event_reschedule
from events.tests.factories import EventFactory, VenueFactory
from events.tests.helpers import event_form, sweep_at

pytestmark = pytest.mark.django_db


def reminders():
    return Message.objects.filter(template="events.event_reminder").order_by("pk")


def reminders_emailed():
    return [email for email in mail.outbox if email.subject.startswith("Reminder:")]


def change(client, event, **changes):
    response = client.post(f"/admin/events/event/{event.pk}/change/", event_form(event, **changes))
    assert response.status_code == 302, response.content.decode()
    event.refresh_from_db()


def test_a_confirmed_place_is_reminded_48_hours_before_by_default_and_only_once(event, resident):
    booking = booking_create(event=event, resident=resident)
    due = event.starts_at - timedelta(hours=48)
    assert reminders().get().send_after == due

    sweep_at(due - timedelta(minutes=1))
    assert reminders_emailed() == []

    sweep_at(due)
    sweep_at(due + timedelta(minutes=15))
    [email] = reminders_emailed()
    assert email.to == [resident.email]
    assert event.title in email.subject
    assert booking.code in email.body and when_text(event.starts_at, event.ends_at) in email.body


def test_an_officer_can_change_the_reminder_time_and_reminders_already_recorded_move(
    officer_client, event, resident, other_resident
):
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=24)
    booking_create(event=event, resident=other_resident)

    due = event.starts_at - timedelta(hours=24)
    assert [(m.resident, m.status, m.send_after) for m in reminders()] == [
        (resident, Message.Status.QUEUED, due),
        (other_resident, Message.Status.QUEUED, due),
    ]
    sweep_at(event.starts_at - timedelta(hours=47))
    assert reminders_emailed() == []
    sweep_at(due)
    assert sorted(email.to[0] for email in reminders_emailed()) == sorted([resident.email, other_resident.email])


def test_asking_for_reminders_earlier_than_now_sends_them_at_the_next_sweep(officer_client, event, resident):
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=14 * 24)  # the event is 10 days away

    sweep_at(timezone.now())
    assert len(reminders_emailed()) == 1


def test_a_place_booked_after_the_reminder_time_gets_no_reminder_but_its_confirmation_has_the_officers_line(
    resident, run_on_commit
):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=30), reminder_note="Bring your rent card.")

    run_on_commit(booking_create, event=event, resident=resident)

    assert not reminders().exists()
    [confirmation] = mail.outbox
    assert "Bring your rent card." in confirmation.body


def test_a_place_booked_after_the_reminder_time_is_reminded_if_the_officer_sets_a_later_time(officer_client, resident):
    event = EventFactory(starts_at=timezone.now().replace(second=0, microsecond=0) + timedelta(hours=30))
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=6)

    assert reminders().get().send_after == event.starts_at - timedelta(hours=6)


def test_an_officer_can_switch_reminders_off_and_on_again(officer_client, event, resident, other_resident):
    booking_create(event=event, resident=resident)
    due = event.starts_at - timedelta(hours=48)

    change(officer_client, event, reminder_enabled=False)
    booking_create(event=event, resident=other_resident)

    assert [m.status for m in reminders()] == [Message.Status.CANCELLED]
    sweep_at(due)
    assert reminders_emailed() == []

    change(officer_client, event, reminder_enabled=True)

    waiting = reminders().filter(status=Message.Status.QUEUED)
    assert {(m.resident, m.send_after) for m in waiting} == {(resident, due), (other_resident, due)}
    sweep_at(due + timedelta(minutes=1))
    assert sorted(email.to[0] for email in reminders_emailed()) == sorted([resident.email, other_resident.email])


def test_the_officers_own_line_reaches_reminders_already_recorded(officer_client, event, resident):
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_note="Bring your tenancy letter.")
    change(officer_client, event, reminder_note="Bring your tenancy letter and a pen.")

    sweep_at(event.starts_at - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Bring your tenancy letter and a pen." in email.body


def test_saving_an_event_unchanged_records_no_new_reminders(officer_client, event, resident):
    booking_create(event=event, resident=resident)
    before = list(reminders().values_list("pk", "status", "send_after"))

    change(officer_client, event)

    assert list(reminders().values_list("pk", "status", "send_after")) == before


def test_a_moved_event_is_reminded_at_the_new_time_and_the_reminder_gives_the_new_time(event, resident):
    booking_create(event=event, resident=resident)
    old_due = event.starts_at - timedelta(hours=48)
    new_start = event.starts_at + timedelta(days=3)

    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    sweep_at(old_due)
    assert reminders_emailed() == []
    sweep_at(new_start - timedelta(hours=48))
    [email] = reminders_emailed()
    assert when_text(new_start, new_start + timedelta(hours=2)) in email.body


def test_a_resident_reminded_before_the_event_moved_is_reminded_again_for_the_new_time(event, resident):
    booking_create(event=event, resident=resident)
    sweep_at(event.starts_at - timedelta(hours=48))
    new_start = event.starts_at + timedelta(days=7)

    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    sweep_at(new_start - timedelta(hours=48))
    assert len(reminders_emailed()) == 2


def test_a_reminder_says_where_the_event_is_now_when_another_app_changes_the_venue(event, resident):
    booking_create(event=event, resident=resident)
    # Panels and TRAs change their meetings' events and save them.
    event.venue = VenueFactory(name="Deptford Lounge")
    event.save()

    sweep_at(event.starts_at - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Deptford Lounge" in email.body


def test_a_cancelled_place_is_not_reminded_and_whoever_takes_it_up_is(resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)
    assert [m.resident for m in reminders()] == [resident]

    booking_cancel(booking=first)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    assert not reminders().filter(status=Message.Status.QUEUED).exists()  # an offer is not yet a place
    offer_accept(token=waiting.offer_token)

    sweep_at(event.starts_at - timedelta(hours=48))
    assert [email.to for email in reminders_emailed()] == [[other_resident.email]]


def test_a_cancelled_event_sends_no_reminders(event, resident):
    booking_create(event=event, resident=resident)

    event_cancel(event=event, reason="The hall has flooded.")

    assert [m.status for m in reminders()] == [Message.Status.CANCELLED]
    sweep_at(event.starts_at - timedelta(hours=48))
    assert reminders_emailed() == []


def test_an_event_taken_back_to_draft_sends_none_until_it_is_published_again(officer_client, event, resident):
    booking_create(event=event, resident=resident)

    change(officer_client, event, status="draft")
    assert not reminders().filter(status=Message.Status.QUEUED).exists()
    change(officer_client, event, status="published")

    sweep_at(event.starts_at - timedelta(hours=48))
    assert len(reminders_emailed()) == 1


def test_walk_ins_are_not_reminded(event, resident, officer):
    walk_in_add(event=event, resident=resident, by=officer)
    walk_in_add(event=event, name="Pat Visitor", by=officer)
    assert not reminders().exists()


def test_deleting_a_booking_in_admin_stops_its_reminder(client, administrator, event, resident):
    booking = booking_create(event=event, resident=resident)
    client.force_login(administrator)  # only administrators delete

    client.post(f"/admin/events/booking/{booking.pk}/delete/", {"post": "yes"})

    assert not Booking.objects.exists()
    sweep_at(event.starts_at - timedelta(hours=48))
    assert reminders_emailed() == []


def test_deleting_an_event_in_admin_stops_its_reminders(client, administrator, event, resident):
    booking_create(event=event, resident=resident)
    client.force_login(administrator)  # only administrators delete

    client.post("/admin/events/event/", {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})

    assert [m.status for m in reminders()] == [Message.Status.CANCELLED]


def test_changing_the_time_and_the_line_together_in_admin_leaves_one_reminder_saying_both(
    officer_client, event, resident
):
    booking_create(event=event, resident=resident)
    later = timezone.localtime(event.starts_at + timedelta(days=2))

    change(
        officer_client,
        event,
        reminder_note="Tea and biscuits provided.",
        starts_at=later.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )

    assert reminders().filter(status=Message.Status.QUEUED).count() == 1
    sweep_at(later - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Tea and biscuits provided." in email.body
    assert when_text(later, later + timedelta(hours=2)) in email.body


def test_a_meeting_another_app_moves_and_then_changes_is_reminded_once_with_the_new_time_and_place(event, resident):
    booking_create(event=event, resident=resident)
    new_start = event.starts_at + timedelta(days=1)

    # As panels and TRAs change a meeting: move it through events, then change the rest and save.
    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))
    event.refresh_from_db()
    event.venue = VenueFactory(name="Deptford Lounge")
    event.save()

    assert reminders().filter(status=Message.Status.QUEUED).count() == 1
    sweep_at(new_start - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Deptford Lounge" in email.body and when_text(new_start, new_start + timedelta(hours=2)) in email.body
