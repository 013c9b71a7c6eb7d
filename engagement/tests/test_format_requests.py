"""Get this in another language or format: a resident asks, an officer has a task with a due date."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement.dates import bank_holidays, working_day_before, working_days_after
from engagement.messaging.models import Message
from engagement.models import FormatRequest
from engagement.services.format_requests import format_request_due_by, local_page
from engagement.tests.admin_forms import read_form
from engagement.tests.factories import ResidentFactory
from engagement.throttle import PUBLIC_MESSAGES
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ASKED = {
    "page": "/whats-on/",
    "about": "The what's on page",
    "format": "translation",
    "language": "Somali",
    "name": "Pat Smith",
    "reply_by": "email",
    "email": "pat@example.com",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Due dates -------------------------------------------------------------------------------------


def test_working_days_skip_weekends():
    friday = date(2026, 12, 4)
    assert working_days_after(friday, 1) == date(2026, 12, 7)
    assert working_days_after(friday, 10) == date(2026, 12, 18)
    assert working_day_before(date(2026, 12, 7)) == friday


def test_working_days_skip_bank_holidays_moved_off_a_weekend_too():
    assert sorted(bank_holidays(2027)) == [
        date(2027, 1, 1),
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # Christmas Day is a Saturday
        date(2027, 12, 28),  # Boxing Day is a Sunday
    ]
    assert date(2028, 1, 3) in bank_holidays(2028)  # New Year's Day is a Saturday
    # Asked on Monday 21 December 2026: Christmas and Boxing Day (moved to Monday 28) are not working days.
    assert working_days_after(date(2026, 12, 21), 10) == date(2027, 1, 7)


def test_a_request_is_due_ten_working_days_after_it_is_made():
    assert format_request_due_by(received=date(2026, 12, 3), format="large_print") == date(2026, 12, 17)


def test_a_bsl_interpreter_for_an_event_is_due_the_working_day_before_it():
    monday = timezone.make_aware(timezone.datetime(2026, 12, 7, 18, 0))
    event = EventFactory(starts_at=monday, ends_at=monday + timedelta(hours=2))
    page = reverse("events:detail", args=[event.pk])

    assert format_request_due_by(received=date(2026, 12, 1), page=page, format="bsl") == date(2026, 12, 4)
    # A translation of the same page is not tied to the event's date.
    assert format_request_due_by(received=date(2026, 12, 1), page=page, format="translation") == date(2026, 12, 15)
    # An event tomorrow: due today, not in the past.
    assert format_request_due_by(received=date(2026, 12, 7), page=page, format="bsl") == date(2026, 12, 7)


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("/whats-on/12/", "/whats-on/12/"),
        ("/whats-on/?estate=3", "/whats-on/?estate=3"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_only_a_page_on_this_site_is_kept(typed, kept):
    assert local_page(typed) == kept


# --- The resident's journey -------------------------------------------------------------------------


def test_the_footer_of_every_page_links_to_the_form_with_the_page_it_was_on(client):
    page = client.get("/whats-on/?estate=3").content.decode()
    assert f'href="{reverse("format_request")}?page=%2Fwhats-on%2F%3Festate%3D3"' in page


def test_the_form_is_prefilled_with_the_page_it_came_from(client, settings):
    page = client.get(reverse("format_request") + "?page=/whats-on/").content.decode()
    assert f'value="{settings.SITE_URL}/whats-on/"' in page
    assert 'name="page" value="/whats-on/"' in page


def test_the_footer_link_on_the_form_itself_prefills_nothing(client):
    form = read_form(client.get(reverse("format_request") + "?page=/other-formats/sent/").content.decode())
    assert form.data["page"] == [""] and form.data["about"] == [""]


def test_a_page_on_another_site_is_not_prefilled_or_linked_back_to(client):
    form = read_form(client.get(reverse("format_request") + "?page=https://evil.example/").content.decode())
    assert form.data["page"] == [""] and form.data["about"] == [""]

    client.post(reverse("format_request"), {**ASKED, "page": "//evil.example/"})
    assert FormatRequest.objects.get().page == ""
    assert "evil.example" not in client.get(reverse("format_request_done")).content.decode()


def test_a_request_becomes_an_officers_task_and_is_acknowledged(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("format_request"), ASKED)

    assert response.status_code == 302 and response.url == reverse("format_request_done")
    made = FormatRequest.objects.get()
    assert (made.format, made.language, made.page, made.status) == ("translation", "Somali", "/whats-on/", "new")
    assert made.due_by == working_days_after(timezone.localdate(), 10)
    assert Message.objects.get().template == "engagement.format_request_acknowledgement"
    [email] = mail.outbox
    assert email.to == ["pat@example.com"]
    assert "A translation into Somali" in email.body
    done = client.get(response.url).content.decode()
    assert "Request sent" in done
    assert 'href="/whats-on/"' in done


def test_a_signed_in_resident_finds_their_details_filled_in(client):
    resident = ResidentFactory(first_name="Amina", last_name="Hassan", email="amina@example.com")
    client.force_login(resident.user)

    page = client.get(reverse("format_request")).content.decode()

    assert 'value="Amina Hassan"' in page
    assert 'value="amina@example.com"' in page


def test_someone_without_email_gives_an_address_checked_like_contact_us(client):
    asked = {**ASKED, "format": "large_print", "language": "", "reply_by": "post", "email": ""}

    response = client.post(reverse("format_request"), {**asked, "postal_address": "1 High Street\nnot a postcode"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Put your postcode on the last line of your address" in page
    assert "1 High Street" in page
    assert not FormatRequest.objects.exists()

    client.post(reverse("format_request"), {**asked, "postal_address": "1 High Street\nse6 4ru"})
    made = FormatRequest.objects.get()
    assert made.postal_address == "1 High Street\nSE6 4RU" and made.email == ""


def test_a_translation_needs_its_language_and_mistakes_show_at_the_field(client):
    response = client.post(reverse("format_request"), {**ASKED, "language": "", "about": "The bin store letter"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter which language you would like it in" in page
    assert page.count("govuk-error-message") == 1
    assert 'value="The bin store letter"' in page


def test_requests_are_limited_like_contact_us(client):
    for _ in range(PUBLIC_MESSAGES.per_hour):
        assert client.post(reverse("format_request"), ASKED).status_code == 302

    response = client.post(reverse("format_request"), {**ASKED, "about": "One more page"})

    assert response.status_code == 429
    assert "One more page" in response.content.decode()
    assert FormatRequest.objects.count() == PUBLIC_MESSAGES.per_hour


def test_the_confirmation_without_a_request_goes_to_the_form(client):
    assert client.get(reverse("format_request_done")).url == reverse("format_request")


# --- Officers ---------------------------------------------------------------------------------------


def _request(**fields):
    return FormatRequest.objects.create(
        **{"about": "A letter", "format": "audio", "name": "Pat", "email": "pat@example.com", **fields}
    )


def test_officers_see_requests_soonest_due_first_and_can_filter_the_overdue(client, community_relations):
    today = timezone.localdate()
    _request(name="Later", due_by=today + timedelta(days=8))
    _request(name="Overdue", due_by=today - timedelta(days=2))
    _request(name="Done late", due_by=today - timedelta(days=3), status="done")
    client.force_login(community_relations)

    listing = client.get("/admin/engagement/formatrequest/").content.decode()
    overdue = client.get("/admin/engagement/formatrequest/?due=overdue").content.decode()

    assert listing.index("Done late") < listing.index("Overdue") < listing.index("Later")
    assert "Overdue" in overdue and "Later" not in overdue and "Done late" not in overdue


def test_the_list_costs_the_same_queries_for_many_requests(client, community_relations, django_assert_max_num_queries):
    client.force_login(community_relations)
    _request(due_by=timezone.localdate(), assigned_to=community_relations)
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/engagement/formatrequest/")
    for number in range(30):
        _request(name=f"Person {number}", due_by=timezone.localdate(), assigned_to=community_relations)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/engagement/formatrequest/")


def test_an_officer_takes_a_request_on_and_nothing_else_changes(client, officer):
    made = _request(due_by=timezone.localdate() + timedelta(days=5), language="", details="Needed for my mother")
    before = {field.name: getattr(made, field.name) for field in FormatRequest._meta.concrete_fields}
    client.force_login(officer)
    url = f"/admin/engagement/formatrequest/{made.pk}/change/"
    form = read_form(client.get(url).content.decode(), "formatrequest_form")
    data = form.post_data()
    data["status"] = ["in_progress"]
    data["assigned_to"] = [str(officer.pk)]

    response = client.post(url, data)

    assert response.status_code == 302
    made.refresh_from_db()
    after = {field.name: getattr(made, field.name) for field in FormatRequest._meta.concrete_fields}
    assert made.status == "in_progress" and made.assigned_to == officer
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"status", "assigned_to"}

    data["status"] = ["done"]
    client.post(url, data)
    made.refresh_from_db()
    assert made.done_at is not None


def test_staff_changes_are_audited(client, officer):
    from auditlog.models import LogEntry

    made = _request(due_by=timezone.localdate())
    client.force_login(officer)
    url = f"/admin/engagement/formatrequest/{made.pk}/change/"
    data = read_form(client.get(url).content.decode(), "formatrequest_form").post_data()
    data["status"] = ["in_progress"]
    client.post(url, data)

    entry = LogEntry.objects.get_for_object(made).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == officer
    assert "status" in entry.changes_dict


def test_the_admin_home_page_leads_officers_to_the_requests_not_done_yet(client, officer):
    client.force_login(officer)
    page = client.get("/admin/").content.decode()
    assert '/admin/engagement/formatrequest/?due=open">Requests for another language or format not done yet' in page
