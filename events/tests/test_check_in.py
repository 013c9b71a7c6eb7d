"""Check-in at the door: a QR code on the confirmation that opens the booking for staff, and the tablet
page that finds people by name, code or address, marks them arrived in one tap, and counts who came."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from engagement.messaging.models import LetterToPrint
from engagement.messaging.services.letters import print_batch_create, print_batch_pdf
from engagement.models import ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import HomeFactory, ResidentFactory, StaffFactory, TenancyFactory
from events.models import Booking, Event
from events.services.attendance import check_in_counts, check_in_find, check_in_link, walk_in_add
from events.services.bookings import booking_create
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_under_way():
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    return EventFactory(title="Repairs open day", starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=None)


def living_at(address, postcode="SE8 4RT", **names):
    home = HomeFactory(address_line_1=address, postcode=postcode)
    return ResidentFactory(tenancy=TenancyFactory(home=home), **names)


def page(event):
    return reverse("admin:events_event_check_in", args=[event.pk])


# --- The QR code on the confirmation ------------------------------------------------------------


def test_the_confirmation_email_carries_a_qr_code_of_the_bookings_check_in_link(event, resident, run_on_commit):
    booking = run_on_commit(booking_create, event=event, resident=resident)

    (email,) = [sent for sent in mail.outbox if sent.subject.startswith("You're booked")]
    # Notify cannot attach files, so the words point to the booking page, which shows the code too.
    assert "show us the QR code on your booking page (the link below)" in email.body
    ((name, png, mimetype),) = email.attachments
    assert (name, mimetype) == ("qr-code.png", "image/png") and png.startswith(b"\x89PNG")
    assert check_in_link(booking).endswith(f"/admin/events/event/{event.pk}/check-in/?q={booking.code}")


def test_an_online_events_confirmation_has_no_qr_code(resident, run_on_commit):
    online = EventFactory(format=Event.Format.ONLINE, venue=None, joining_link="https://meet.example.com/x")
    run_on_commit(booking_create, event=online, resident=resident)
    (email,) = [sent for sent in mail.outbox if sent.subject.startswith("You're booked")]
    assert email.attachments == [] and "QR code" not in email.body


def test_the_confirmation_letter_prints_the_qr_code(event, officer, run_on_commit, monkeypatch):
    by_post = living_at("4 Ship Street")
    for channel in ("email", "text"):
        consent_record(by_post, channel=channel, purpose=Purpose.SERVICE, given=False, source=ConsentSource.ACCOUNT)
    run_on_commit(booking_create, event=event, resident=by_post)
    letter = LetterToPrint.objects.get(message__template="events.booking_confirmed")
    assert "show us the QR code printed on this letter" in letter.body
    squares, details = [], []
    monkeypatch.setattr(Canvas, "rect", lambda canvas, *args, **kwargs: squares.append(args))
    draw_right = Canvas.drawRightString
    monkeypatch.setattr(
        Canvas, "drawRightString", lambda canvas, x, y, *args: details.append(y) or draw_right(canvas, x, y, *args)
    )

    print_batch_pdf(print_batch_create(officer=officer))

    assert len(squares) > 200  # the code's dark modules, drawn beside the address
    # Below the council's details (their last line, and a little room for its letters' tails): both readable.
    assert max(y + height for _x, y, _width, height in squares) < min(details) - 2


def test_the_residents_booking_page_shows_the_qr_code(event, resident, client):
    booking = booking_create(event=event, resident=resident)
    client.force_login(resident.user)
    page_html = client.get(reverse("events:booking", args=[booking.code])).content.decode()
    assert 'class="rv-qr-code"' in page_html and f"QR code for booking {booking.code}" in page_html


# --- Finding people and counting them -----------------------------------------------------------


def test_people_are_found_by_name_booking_code_or_address(event_under_way):
    event = event_under_way
    rita = BookingFactory(event=event, resident=living_at("12 Crossfield Street", first_name="Rita", last_name="Ahmed"))
    owen = BookingFactory(event=event, resident=living_at("3 Deptford Church St", "SE8 3QA", first_name="Owen"))
    walk_in = walk_in_add(event=event, name="Sam Walker")
    BookingFactory(event=event, status=Booking.Status.CANCELLED, resident=ResidentFactory(last_name="Ahmed"))

    def found(typed):
        return set(check_in_find(event=event, typed=typed))

    assert found("ahmed") == {rita}
    assert found(rita.code.lower()) == {rita}
    assert found("crossfield 12") == {rita}
    assert found("SE8 3QA") == {owen}
    assert found("walker") == {walk_in}
    assert found("") == {rita, owen, walk_in}
    assert found("nobody") == set()


def test_the_counts_are_arrived_of_booked_and_walk_ins(event_under_way):
    event = event_under_way
    came, _ = BookingFactory(event=event, attendance="attended"), BookingFactory(event=event)
    BookingFactory(event=event, status=Booking.Status.WAITING)
    walk_in_add(event=event, name="Sam Walker")
    counts = check_in_counts(event)
    assert (counts.attended, counts.booked, counts.walk_ins) == (1, 2, 1)
    assert came


# --- The page, as an officer uses it (no JavaScript needed) --------------------------------------


def test_an_officer_finds_someone_and_checks_them_in_with_one_tap(officer_client, officer, event_under_way):
    event = event_under_way
    rita = BookingFactory(event=event, resident=living_at("12 Crossfield Street", first_name="Rita", last_name="Ahmed"))
    BookingFactory(event=event, resident=ResidentFactory(first_name="Owen", last_name="Other"))

    response = officer_client.get(page(event), {"q": "ahmed"})
    html = response.content.decode()
    assert "Rita Ahmed" in html and "Owen Other" not in html
    assert "<strong>0</strong> of <strong>2</strong> booked have arrived" in html
    assert reverse("admin:events_event_sign_in_sheet", args=[event.pk]) in html

    response = officer_client.post(page(event), {"code": rita.code, "q": "ahmed", "action": "check_in"})
    assert response.status_code == 302 and response["Location"] == page(event) + "?q=ahmed"
    rita.refresh_from_db()
    assert rita.attendance == "attended" and rita.checked_in_at and rita.attendance_recorded_by == officer
    html = officer_client.get(response["Location"]).content.decode()
    assert "Rita Ahmed checked in." in html and "<strong>1</strong> of <strong>2</strong> booked" in html


def test_a_check_in_tapped_by_mistake_can_be_undone(officer_client, event_under_way):
    booking = BookingFactory(event=event_under_way, attendance="attended", checked_in_at=timezone.now())
    officer_client.post(page(event_under_way), {"code": booking.code, "action": "undo"})
    booking.refresh_from_db()
    assert booking.attendance == "" and booking.checked_in_at is None


def test_the_qr_code_link_opens_that_booking_for_staff(officer_client, event_under_way):
    booking = BookingFactory(event=event_under_way, resident=ResidentFactory(first_name="Rita"))
    BookingFactory(event=event_under_way, resident=ResidentFactory(first_name="Owen"))
    path = check_in_link(booking).split("testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1]
    html = officer_client.get(path).content.decode()
    assert "Rita" in html and "Owen" not in html and "Check in<span" in html


def test_before_the_event_nothing_is_recorded_unless_the_officer_says_it_started_early(officer_client, event):
    booking = BookingFactory(event=event)
    officer_client.post(page(event), {"code": booking.code, "action": "check_in"})
    booking.refresh_from_db()
    assert booking.attendance == ""
    assert "has not started yet" in officer_client.get(page(event)).content.decode()

    officer_client.post(page(event), {"code": booking.code, "action": "check_in", "early": "1"})
    booking.refresh_from_db()
    assert booking.attendance == "attended"


def test_staff_who_do_not_record_attendance_are_turned_away(client, event_under_way):
    client.force_login(StaffFactory())  # staff, but in no role that records attendance
    booking = BookingFactory(event=event_under_way)
    response = client.post(page(event_under_way), {"code": booking.code, "action": "check_in"})
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_the_page_costs_the_same_queries_however_many_have_booked(
    officer_client, event_under_way, django_assert_max_num_queries
):
    def load():
        return officer_client.get(page(event_under_way))

    BookingFactory(event=event_under_way, resident=living_at("1 Dock Street"))
    load()
    with django_assert_max_num_queries(12) as few:
        load()
    for number in range(25):
        BookingFactory(event=event_under_way, resident=living_at(f"{number} Ship Street"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        load()
