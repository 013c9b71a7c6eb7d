"""The residents' training programme and practical volunteering: courses and opportunities are events, a course
attended is a course completed, officers record volunteers' hours on the register, and both count in the reach
report as their own ways of taking part."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.services.involvement import involvements
from engagement.tests.involvement import involved
from events.models import Booking, Event
from events.services.attendance import attendance_mark
from events.services.training import (
    HoursError,
    parse_hours,
    training_completed,
    volunteer_hours_record,
    volunteering_for,
)
from events.tests.factories import BookingFactory, EventFactory
from events.tests.helpers import event_form
from panels.models import PanelApplication
from panels.tests.factories import PanelFactory

pytestmark = pytest.mark.django_db


def _course(**fields):
    fields = {"title": "Chairing a meeting well", "training_topic": Event.TrainingTopic.CHAIRING, **fields}
    return EventFactory(kind=Event.Kind.TRAINING, **fields)


def _opportunity(**fields):
    fields = {
        "title": "Litter pick on Crossfields",
        "volunteering_activity": Event.VolunteeringActivity.LITTER_PICK,
        **fields,
    }
    return EventFactory(kind=Event.Kind.VOLUNTEERING, **fields)


def _past(days=7):
    return timezone.now().replace(second=0, microsecond=0) - timedelta(days=days)


def test_training_and_volunteering_are_ways_to_take_part():
    codes = [involvement.code for involvement in involvements()]
    assert {"training", "volunteering"} <= set(codes)


def test_a_course_booked_counts_as_training_and_a_session_as_volunteering_not_as_events():
    since = timezone.now() - timedelta(days=30)
    learner = BookingFactory(event=_course()).resident
    volunteer = BookingFactory(event=_opportunity()).resident
    BookingFactory(event=_course(title="Finance", starts_at=_past()), attendance=Booking.Attendance.NO_SHOW)
    goer = BookingFactory(event=EventFactory()).resident

    assert involved(since, "training") == {learner.pk}
    assert involved(since, "volunteering") == {volunteer.pk}
    assert involved(since, "events") == {goer.pk}


def test_a_course_is_completed_when_the_resident_is_recorded_as_attending_it(resident, officer):
    held = _course(starts_at=_past())
    booking = BookingFactory(event=held, resident=resident)
    BookingFactory(event=_course(title="Digital skills"), resident=resident)  # still to come
    BookingFactory(event=EventFactory(starts_at=_past()), resident=resident, attendance="attended")  # not training
    assert list(training_completed(resident)) == []

    attendance_mark(event=held, marks={booking.pk: Booking.Attendance.ATTENDED}, by=officer)

    assert [b.event.title for b in training_completed(resident)] == ["Chairing a meeting well"]


def test_hours_recorded_for_a_volunteer_mark_them_as_come_and_add_up(resident, officer):
    first = BookingFactory(event=_opportunity(starts_at=_past(14)), resident=resident)
    second = BookingFactory(event=_opportunity(title="Community garden", starts_at=_past(7)), resident=resident)

    assert volunteer_hours_record(event=first.event, hours={first.pk: Decimal("2.5")}, by=officer) == 1
    volunteer_hours_record(event=second.event, hours={second.pk: Decimal("3")}, by=officer)
    # The same again changes nothing; another event's booking is not touched from this one.
    assert volunteer_hours_record(event=first.event, hours={first.pk: Decimal("2.5"), second.pk: None}) == 0

    first.refresh_from_db()
    assert (first.attendance, first.attendance_recorded_by) == (Booking.Attendance.ATTENDED, officer)
    signed_up, total = volunteering_for(resident)
    assert total == Decimal("5.5")
    assert [b.event.title for b in signed_up] == ["Community garden", "Litter pick on Crossfields"]


@pytest.mark.parametrize(
    "typed, message",
    [("two", "as a number"), ("0", "between"), ("501", "between"), ("1.1", "quarter hour"), ("NaN", "between")],
)
def test_hours_that_cannot_be_are_refused_in_words(typed, message):
    with pytest.raises(HoursError, match=message):
        parse_hours(typed)


def test_hours_are_parsed_as_typed():
    assert (parse_hours(" 1.5 "), parse_hours(""), parse_hours("2")) == (Decimal("1.5"), None, Decimal("2"))


def test_a_training_course_needs_its_topic_and_an_opportunity_what_volunteers_do(officer_client):
    course = _course()
    response = officer_client.post(f"/admin/events/event/{course.pk}/change/", event_form(course, training_topic=""))
    assert "Choose what the training course teaches." in response.content.decode()
    opportunity = _opportunity()
    response = officer_client.post(
        f"/admin/events/event/{opportunity.pk}/change/", event_form(opportunity, volunteering_activity="")
    )
    assert "Choose what volunteers will do." in response.content.decode()


def test_an_officer_opens_a_course_changes_its_topic_and_saves_and_nothing_else_changes(officer_client):
    course = _course(capacity=12)
    before = {field: getattr(course, field) for field in ("title", "kind", "starts_at", "capacity", "venue_id")}
    assert officer_client.get(f"/admin/events/event/{course.pk}/change/").status_code == 200

    response = officer_client.post(
        f"/admin/events/event/{course.pk}/change/", event_form(course, training_topic=Event.TrainingTopic.FINANCE)
    )

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.training_topic == Event.TrainingTopic.FINANCE
    assert {field: getattr(course, field) for field in before} == before


def test_an_officer_records_hours_on_the_register_and_a_wrong_figure_is_explained_and_kept(
    officer_client, resident, other_resident
):
    opportunity = _opportunity(starts_at=_past())
    rita = BookingFactory(event=opportunity, resident=resident)
    owen = BookingFactory(event=opportunity, resident=other_resident)
    url = reverse("admin:events_event_attendance", args=[opportunity.pk])
    page = officer_client.get(url).content.decode()
    assert f'name="hours-{rita.pk}"' in page

    response = officer_client.post(url, {"action": "save", f"hours-{rita.pk}": "2", f"hours-{owen.pk}": "lots"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter hours as a number" in page
    assert 'value="lots"' in page
    rita.refresh_from_db()
    assert rita.volunteer_hours is None  # nothing saved

    response = officer_client.post(url, {"action": "save", f"hours-{rita.pk}": "2", f"hours-{owen.pk}": "1.5"})

    assert response.status_code == 302
    rita.refresh_from_db()
    owen.refresh_from_db()
    assert (rita.volunteer_hours, owen.volunteer_hours) == (Decimal("2"), Decimal("1.5"))
    assert owen.attendance == Booking.Attendance.ATTENDED


def test_community_relations_export_completions_and_hours_as_csv(client, community_relations, officer, resident):
    course = _course(starts_at=_past())
    BookingFactory(event=course, resident=resident, attendance=Booking.Attendance.ATTENDED)
    opportunity = _opportunity(starts_at=_past())
    BookingFactory(event=opportunity, resident=resident, volunteer_hours=Decimal("3.25"), attendance="attended")
    ids = [course.pk, opportunity.pk]

    client.force_login(community_relations)
    response = client.post("/admin/events/event/", {"action": "export_training_completions", "_selected_action": ids})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Course", "Topic", "Date", "Resident"]
    assert [row[0] for row in rows[1:]] == ["Chairing a meeting well"]
    assert rows[1][3] == resident.full_name

    response = client.post("/admin/events/event/", {"action": "export_volunteering_hours", "_selected_action": ids})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == "Litter pick on Crossfields"
    assert rows[1][6] == "3.25"

    client.force_login(officer)
    response = client.post("/admin/events/event/", {"action": "export_volunteering_hours", "_selected_action": ids})
    assert response.status_code == 302  # refused with a message, nothing downloaded


def test_the_panel_application_shows_the_training_the_applicant_completed(officer_client, resident):
    BookingFactory(event=_course(starts_at=_past()), resident=resident, attendance=Booking.Attendance.ATTENDED)
    application = PanelApplication.objects.create(
        panel=PanelFactory(), resident=resident, status=PanelApplication.Status.SUBMITTED, why_join="To help."
    )

    page = officer_client.get(reverse("admin:panels_panelapplication_change", args=[application.pk])).content.decode()

    assert "Courses completed" in page
    assert "Chairing a meeting well (Chairing meetings)" in page


def test_your_training_and_your_volunteering_show_what_the_resident_did(resident_client, resident):
    BookingFactory(event=_course(starts_at=_past()), resident=resident, attendance=Booking.Attendance.ATTENDED)
    BookingFactory(event=_course(title="Digital skills for beginners"), resident=resident)
    BookingFactory(event=_opportunity(starts_at=_past()), resident=resident, volunteer_hours=Decimal("2"))

    training = resident_client.get("/whats-on/your-training/").content.decode()
    volunteering = resident_client.get("/whats-on/your-volunteering/").content.decode()

    assert "Chairing a meeting well" in training
    assert "Digital skills for beginners" in training
    assert "Hours you have given in all: <strong>2</strong>" in volunteering
    assert "Litter pick on Crossfields" in volunteering


# Session, user with resident, their home, then the page's two reads (completed and booked; sign-ups and
# their total hours).
YOUR_TRAINING_QUERIES = 5
YOUR_VOLUNTEERING_QUERIES = 5


@pytest.mark.parametrize("courses", [1, 8])
def test_your_training_and_your_volunteering_read_the_same_queries_for_one_course_or_many(
    resident_client, resident, django_assert_num_queries, courses
):
    for number in range(courses):
        BookingFactory(
            event=_course(title=f"Course {number}", starts_at=_past()), resident=resident, attendance="attended"
        )
        BookingFactory(event=_course(title=f"Coming {number}"), resident=resident)
        BookingFactory(
            event=_opportunity(title=f"Pick {number}", starts_at=_past()), resident=resident, volunteer_hours=1
        )

    with django_assert_num_queries(YOUR_TRAINING_QUERIES):
        assert resident_client.get("/whats-on/your-training/").status_code == 200
    with django_assert_num_queries(YOUR_VOLUNTEERING_QUERIES):
        assert resident_client.get("/whats-on/your-volunteering/").status_code == 200


def test_the_programme_and_the_opportunities_are_listed_on_their_own_pages(client):
    _course()
    _opportunity()
    EventFactory(title="Repairs open day in the list")

    training = client.get("/whats-on/type/training/").content.decode()
    volunteering = client.get("/whats-on/type/volunteering/").content.decode()

    assert "Training programme" in training and "Chairing a meeting well" in training
    assert "Repairs open day in the list" not in training
    assert "Litter pick on Crossfields" in volunteering and "Litter pick" in volunteering
    assert 'aria-current="page"' in training and "Training and volunteering</strong>" in training


def test_the_demo_has_courses_and_volunteering_with_people_who_took_part_and_loading_again_changes_nothing():
    from django.core.management import call_command

    from engagement.models import Resident

    call_command("load_demo")
    ours = Booking.objects.filter(event__kind__in=[Event.Kind.TRAINING, Event.Kind.VOLUNTEERING])
    first = (Event.objects.filter(kind=Event.Kind.TRAINING).count(), ours.count(), Booking.objects.count())
    call_command("load_demo")

    assert (Event.objects.filter(kind=Event.Kind.TRAINING).count(), ours.count(), Booking.objects.count()) == first
    assert Event.objects.filter(kind=Event.Kind.TRAINING).upcoming().count() >= 2
    assert Event.objects.filter(kind=Event.Kind.VOLUNTEERING).upcoming().count() >= 2
    resident = Resident.objects.get(user__email="resident001@example.com")
    assert training_completed(resident).exists()
    assert volunteering_for(resident)[1] > 0
    applicants = PanelApplication.objects.exclude(status=PanelApplication.Status.DRAFT).values("resident")
    assert Booking.objects.filter(resident__in=applicants, event__kind=Event.Kind.TRAINING, attendance="attended")
    assert involved(timezone.now() - timedelta(days=365), "volunteering")


def test_the_residents_data_download_has_the_hours_they_gave(client, resident):
    from engagement.tests.downloads import download_my_data

    BookingFactory(event=_opportunity(starts_at=_past()), resident=resident, volunteer_hours=Decimal("1.50"))
    client.force_login(resident.user)

    data = download_my_data(client).data

    assert [b["hours_volunteered"] for b in data["Event bookings"]] == ["1.5"]


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("training", {"training_topic": Event.TrainingTopic.DIGITAL}),
        ("volunteering", {"volunteering_activity": Event.VolunteeringActivity.COMMUNITY_GARDENING}),
    ],
)
def test_the_programme_and_opportunities_use_the_same_queries_with_50_as_with_500(
    client, django_assert_max_num_queries, kind, fields
):
    from events.tests import bulk

    places = bulk.estates(3)
    people = bulk.residents(places)

    def add(count):
        bulk.bookings(events=bulk.events(count, estates=places, kind=kind, **fields), residents=people)

    def visit():
        page = client.get(f"/whats-on/type/{kind}/")
        assert page.status_code == 200
        assert page.content.decode().count("Bulk event") >= 20

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=12)


def test_a_course_is_promoted_to_residents_interested_in_training_who_agreed_to_hear(officer, run_on_commit):
    from engagement.messaging.models import Message
    from engagement.models import Channel, ConsentSource, Interest, Purpose
    from engagement.services.consent import consent_record
    from engagement.tests.factories import ResidentFactory
    from events.services.training import opportunity_promote
    from events.tests.helpers import outbox

    learner, gardener, silent = ResidentFactory(), ResidentFactory(), ResidentFactory()
    learner.interests.add(Interest.objects.get(code="training"))
    gardener.interests.add(Interest.objects.get(code="volunteering"))
    silent.interests.add(Interest.objects.get(code="training"))
    for resident in (learner, gardener):
        consent_record(
            resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
        )
    course = _course()

    run_on_commit(opportunity_promote, event=course, by=officer)

    sent = Message.objects.filter(template="events.opportunity_promotion")
    assert list(sent.values_list("resident", flat=True)) == [learner.pk]
    [message] = outbox()
    assert message.subject.startswith("Free training course: Chairing a meeting well")
    assert f"/whats-on/{course.pk}/" in message.body
    assert opportunity_promote(event=course, by=officer) is None  # told once
    assert opportunity_promote(event=EventFactory(), by=officer) is None  # not a course


def test_a_volunteering_session_is_promoted_from_its_admin_page(client, officer, run_on_commit):
    from engagement.messaging.models import Message
    from engagement.models import Channel, ConsentSource, Interest, Purpose
    from engagement.services.consent import consent_record
    from engagement.tests.factories import ResidentFactory

    gardener = ResidentFactory()
    gardener.interests.add(Interest.objects.get(code="volunteering"))
    consent_record(
        gardener, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
    )
    session = _opportunity()
    client.force_login(officer)
    promote = f"/admin/events/event/{session.pk}/action/promote_to_interested/"
    assert promote in client.get(f"/admin/events/event/{session.pk}/change/").content.decode()

    run_on_commit(client.post, promote, {"confirm": "1"})

    message = Message.objects.get(template="events.opportunity_promotion")
    assert message.resident == gardener


def test_the_residents_history_says_which_courses_they_completed_and_the_hours_they_gave(officer_client, resident):
    from engagement.tests.test_resident_history import history_page

    BookingFactory(event=_course(starts_at=_past()), resident=resident, attendance=Booking.Attendance.ATTENDED)
    BookingFactory(
        event=_opportunity(starts_at=_past()), resident=resident, attendance="attended", volunteer_hours=Decimal("2.5")
    )

    html = officer_client.get(history_page(resident)).content.decode()

    assert "Attended: course completed" in html
    assert "2.5 hours volunteered" in html


def test_residents_find_courses_by_topic_and_sessions_by_what_volunteers_do(client):
    _course(title="Chairing a meeting well")
    _course(title="Getting online", training_topic=Event.TrainingTopic.DIGITAL)
    _opportunity(title="Litter pick on Crossfields")
    _opportunity(title="Planting day", volunteering_activity=Event.VolunteeringActivity.COMMUNITY_GARDENING)

    digital = client.get("/whats-on/type/training/", {"training_topic": "digital"}).content.decode()
    gardening = client.get("/whats-on/type/volunteering/", {"volunteering_activity": "community_gardening"})

    assert "Getting online" in digital and "Chairing a meeting well" not in digital
    assert "Planting day" in gardening.content.decode()
    assert "Litter pick on Crossfields" not in gardening.content.decode()
    assert 'name="training_topic"' not in client.get("/whats-on/type/volunteering/").content.decode()


def test_a_course_copied_to_run_again_keeps_its_topic_and_a_session_what_volunteers_do(officer):
    from events.services.events import event_copy

    course = event_copy(event=_course(), by=officer)
    session = event_copy(event=_opportunity(), by=officer)

    assert (course.kind, course.training_topic) == (Event.Kind.TRAINING, Event.TrainingTopic.CHAIRING)
    assert session.volunteering_activity == Event.VolunteeringActivity.LITTER_PICK
    course.full_clean()
