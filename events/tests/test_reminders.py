"""Reminders: written by a periodic task when they are due, from the event as it is then, once each."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone

from engagement.dates import when_text
from engagement.messaging.models import Message
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from events.models import Booking
from events.services.attendance import walk_in_add
from events.services.bookings import booking_cancel, booking_create, offer_accept
from events.services.events import event_cancel, event_change, event_reschedule
from events.services.reminders import event_reminders_record
from events.tests.factories import EventFactory, VenueFactory
from events.tests.helpers import event_form, remind_at

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
    assert not reminders().exists()  # nothing is written ahead of time

    remind_at(due - timedelta(minutes=1))
    assert reminders_emailed() == []

    remind_at(due)
    remind_at(due + timedelta(minutes=15))
    [email] = reminders_emailed()
    assert email.to == [resident.email]
    assert event.title in email.subject
    assert booking.code in email.body and when_text(event.starts_at, event.ends_at) in email.body


def test_an_officer_can_change_the_reminder_time(officer_client, event, resident, other_resident):
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=24)
    booking_create(event=event, resident=other_resident)

    remind_at(event.starts_at - timedelta(hours=47))
    assert reminders_emailed() == []
    remind_at(event.starts_at - timedelta(hours=24))
    assert sorted(email.to[0] for email in reminders_emailed()) == sorted([resident.email, other_resident.email])


def test_asking_for_reminders_earlier_than_now_sends_them_at_the_next_run(officer_client, event, resident):
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(days=5)):
        booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=14 * 24)  # the event is 10 days away

    remind_at(timezone.now())
    assert len(reminders_emailed()) == 1


def test_a_place_booked_after_the_reminder_time_gets_no_reminder_but_its_confirmation_has_the_officers_line(
    resident, run_on_commit
):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=30), reminder_note="Bring your rent card.")

    run_on_commit(booking_create, event=event, resident=resident)
    remind_at(timezone.now() + timedelta(minutes=5))

    assert not reminders().exists()
    [confirmation] = mail.outbox
    assert "Bring your rent card." in confirmation.body


def test_a_place_booked_after_the_reminder_time_is_reminded_if_the_officer_sets_a_later_time(officer_client, resident):
    event = EventFactory(starts_at=timezone.now().replace(second=0, microsecond=0) + timedelta(hours=30))
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_hours_before=6)
    remind_at(event.starts_at - timedelta(hours=7))
    assert reminders_emailed() == []

    remind_at(event.starts_at - timedelta(hours=6))
    assert len(reminders_emailed()) == 1


def test_an_officer_can_switch_reminders_off_and_on_again(officer_client, event, resident, other_resident):
    booking_create(event=event, resident=resident)
    due = event.starts_at - timedelta(hours=48)

    change(officer_client, event, reminder_enabled=False)
    booking_create(event=event, resident=other_resident)
    remind_at(due)
    assert reminders_emailed() == []

    change(officer_client, event, reminder_enabled=True)

    remind_at(due + timedelta(minutes=5))
    assert sorted(email.to[0] for email in reminders_emailed()) == sorted([resident.email, other_resident.email])


def test_the_officers_own_line_as_it_is_when_the_reminder_goes(officer_client, event, resident):
    booking_create(event=event, resident=resident)

    change(officer_client, event, reminder_note="Bring your tenancy letter.")
    change(officer_client, event, reminder_note="Bring your tenancy letter and a pen.")

    remind_at(event.starts_at - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Bring your tenancy letter and a pen." in email.body


def test_a_moved_event_is_reminded_at_the_new_time_and_the_reminder_gives_the_new_time(event, resident):
    booking_create(event=event, resident=resident)
    old_due = event.starts_at - timedelta(hours=48)
    new_start = event.starts_at + timedelta(days=3)

    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    remind_at(old_due)
    assert reminders_emailed() == []
    remind_at(new_start - timedelta(hours=48))
    [email] = reminders_emailed()
    assert when_text(new_start, new_start + timedelta(hours=2)) in email.body


def test_a_resident_reminded_before_the_event_moved_is_reminded_again_for_the_new_time(event, resident):
    booking_create(event=event, resident=resident)
    remind_at(event.starts_at - timedelta(hours=48))
    new_start = event.starts_at + timedelta(days=7)

    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))

    remind_at(new_start - timedelta(hours=48))
    assert len(reminders_emailed()) == 2


def test_an_event_moved_after_its_reminder_time_gets_no_reminder_as_the_new_time_was_just_told(event, resident):
    booking_create(event=event, resident=resident)
    sooner = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=20)

    event_reschedule(event=event, starts_at=sooner, ends_at=sooner + timedelta(hours=2))
    remind_at(timezone.now() + timedelta(minutes=5))

    assert not reminders().exists()
    assert Message.objects.filter(template="events.event_rescheduled", resident=resident).count() == 1


def test_a_reminder_says_where_the_event_is_now_when_another_app_changes_the_venue(event, resident):
    booking_create(event=event, resident=resident)
    # Panels and TRAs change their meetings' events and save them.
    event.venue = VenueFactory(name="Deptford Lounge")
    event.save()

    remind_at(event.starts_at - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Deptford Lounge" in email.body


def test_a_cancelled_place_is_not_reminded_and_whoever_takes_it_up_is(resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)

    booking_cancel(booking=first)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    offer_accept(token=waiting.offer_token)

    remind_at(event.starts_at - timedelta(hours=48))
    assert [email.to for email in reminders_emailed()] == [[other_resident.email]]


def test_an_offer_not_yet_taken_up_is_not_reminded(resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    booking_create(event=event, resident=other_resident, waiting_list=True)
    booking_cancel(booking=first)

    remind_at(event.starts_at - timedelta(hours=48))

    assert reminders_emailed() == []


def test_a_cancelled_event_sends_no_reminders(event, resident):
    booking_create(event=event, resident=resident)

    event_cancel(event=event, reason="The hall has flooded.")

    remind_at(event.starts_at - timedelta(hours=48))
    assert reminders_emailed() == []


def test_an_event_taken_back_to_draft_sends_none_until_it_is_published_again(officer_client, event, resident):
    booking_create(event=event, resident=resident)
    due = event.starts_at - timedelta(hours=48)

    change(officer_client, event, status="draft")
    remind_at(due)
    assert reminders_emailed() == []
    change(officer_client, event, status="published")

    remind_at(due + timedelta(minutes=5))
    assert len(reminders_emailed()) == 1


def test_a_resident_who_says_no_before_the_reminder_time_gets_none(event, resident):
    booking_create(event=event, resident=resident)

    for channel in (Channel.EMAIL, Channel.TEXT, Channel.POST):
        consent_record(resident, channel=channel, purpose=Purpose.SERVICE, given=False, source=ConsentSource.ACCOUNT)
    remind_at(event.starts_at - timedelta(hours=48))

    assert not reminders().exists()
    assert reminders_emailed() == []


def test_a_resident_who_says_no_to_email_is_reminded_by_text(event, resident):
    resident.mobile = "+447700900123"
    resident.save()
    booking_create(event=event, resident=resident)

    consent_record(resident, channel=Channel.EMAIL, purpose=Purpose.SERVICE, given=False, source=ConsentSource.ACCOUNT)
    remind_at(event.starts_at - timedelta(hours=48))

    assert reminders_emailed() == []
    assert reminders().get().channel == Channel.TEXT


def test_walk_ins_are_not_reminded(event, resident, officer):
    walk_in_add(event=event, resident=resident, by=officer)
    walk_in_add(event=event, name="Pat Visitor", by=officer)

    remind_at(event.starts_at - timedelta(hours=48))

    assert not reminders().exists()


def test_deleting_a_booking_in_admin_stops_its_reminder(client, administrator, event, resident):
    booking = booking_create(event=event, resident=resident)
    client.force_login(administrator)  # only administrators delete

    client.post(f"/admin/events/booking/{booking.pk}/delete/", {"post": "yes"})

    assert not Booking.objects.exists()
    remind_at(event.starts_at - timedelta(hours=48))
    assert reminders_emailed() == []


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

    remind_at(later - timedelta(hours=48))
    [email] = reminders_emailed()
    assert "Tea and biscuits provided." in email.body
    assert when_text(later, later + timedelta(hours=2)) in email.body


def test_a_meeting_another_app_moves_and_then_changes_is_reminded_once_with_the_new_time_and_place(event, resident):
    booking_create(event=event, resident=resident)
    new_start = event.starts_at + timedelta(days=1)

    # As panels and TRAs change a meeting: move it through events, then change the rest.
    event_reschedule(event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2))
    event_change(
        event=event,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
        venue=VenueFactory(name="Deptford Lounge"),
    )

    remind_at(new_start - timedelta(hours=48))
    remind_at(new_start - timedelta(hours=47))
    [email] = reminders_emailed()
    assert "Deptford Lounge" in email.body and when_text(new_start, new_start + timedelta(hours=2)) in email.body


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_remind_each_resident_once(resident, other_resident):
    event = EventFactory(starts_at=timezone.now().replace(second=0, microsecond=0) + timedelta(days=10))
    for who in (resident, other_resident):
        booking = booking_create(event=event, resident=who)
        # Booked well before the reminder time.
        five_days_ago = timezone.now() - timedelta(days=5)
        Booking.objects.filter(pk=booking.pk).update(created_at=five_days_ago)
        Message.objects.filter(idempotency_key=f"booking-confirmed:{booking.pk}").update(queued_at=five_days_ago)
    event.reminder_hours_before = 14 * 24
    event.save()
    start = threading.Barrier(4)

    def run():
        try:
            start.wait()
            event_reminders_record(event=event)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(reminders().values_list("resident", flat=True)) == sorted([resident.pk, other_resident.pk])
