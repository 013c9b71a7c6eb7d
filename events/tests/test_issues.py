"""Issues: owner and target date from the category, overdue, updates the raiser sees and is told of."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from engagement.tests.factories import EstateFactory
from events.models import Issue, IssueCategory
from events.services.issues import issue_raise, issue_update_add
from events.tests import bulk
from events.tests.factories import EventFactory
from events.tests.helpers import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def repairs(officer):
    category = IssueCategory.objects.get(code="repairs")
    category.designated_contact = officer
    category.timescale_days = 20
    category.save()
    return category


def jpeg(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format="JPEG")
    return out.getvalue()


def test_an_issue_gets_its_categorys_owner_and_target_date(repairs, officer, resident):
    issue = issue_raise(category=repairs, location="Stairwell B", description="Light out", raised_by=resident)
    assert issue.owner == officer
    assert issue.target_date == timezone.localdate() + timedelta(days=20)


def test_changing_a_categorys_timescale_changes_new_issues_target_dates(repairs):
    repairs.timescale_days = 5
    repairs.save()
    issue = issue_raise(category=repairs, location="Lift", description="Stuck")
    assert issue.target_date == timezone.localdate() + timedelta(days=5)


def test_an_issue_raised_at_an_event_is_on_that_events_estate(repairs):
    open_day = EventFactory()
    issue = issue_raise(category=repairs, location="Bin store", description="Door broken", event=open_day)
    assert issue.estate == open_day.estate


def test_open_issues_past_their_target_date_are_overdue_resolved_ones_are_not(repairs):
    late = issue_raise(category=repairs, location="A", description="A")
    done = issue_raise(category=repairs, location="B", description="B")
    on_time = issue_raise(category=repairs, location="C", description="C")
    Issue.objects.filter(pk__in=[late.pk, done.pk]).update(target_date=timezone.localdate() - timedelta(days=1))
    issue_update_add(issue=done, text="Fixed", status=Issue.Status.RESOLVED)

    assert list(Issue.objects.overdue()) == [late]
    assert on_time not in Issue.objects.overdue()


def test_the_resident_who_raised_it_is_told_of_updates_meant_for_them(repairs, resident, run_on_commit):
    issue = issue_raise(category=repairs, location="Stairwell B", description="Light out", raised_by=resident)

    run_on_commit(
        issue_update_add, issue=issue, text="An electrician is booked for Tuesday.", status=Issue.Status.IN_PROGRESS
    )
    run_on_commit(issue_update_add, issue=issue, text="Internal: contractor chased.", tell_resident=False)

    assert len(outbox()) == 1
    assert "An electrician is booked for Tuesday." in outbox()[0].body
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS


def test_my_issues_shows_the_residents_own_issues_and_public_updates_only(
    resident_client, resident, other_resident, repairs
):
    mine = issue_raise(category=repairs, location="Stairwell B", description="Light out", raised_by=resident)
    issue_update_add(issue=mine, text="Electrician booked")
    issue_update_add(issue=mine, text="Internal note", tell_resident=False)
    theirs = issue_raise(category=repairs, location="Car park", description="Pothole", raised_by=other_resident)

    page = resident_client.get(f"/whats-on/issues/{mine.pk}/").content.decode()
    assert "Electrician booked" in page and "Internal note" not in page
    assert resident_client.get(f"/whats-on/issues/{theirs.pk}/").status_code == 404
    listing = resident_client.get("/whats-on/issues/").content.decode()
    assert "Stairwell B" in listing and "Car park" not in listing


def test_a_resident_reports_an_issue_with_a_photo_whose_metadata_is_dropped(resident_client, resident, repairs):
    photo = SimpleUploadedFile("broken.jpg", jpeg(), content_type="image/jpeg")
    response = resident_client.post(
        "/whats-on/issues/report/",
        {
            "category": repairs.pk,
            "estate": resident.tenancy.home.block.estate_id,
            "location": "Bin store",
            "description": "Door hanging off",
            "photo": photo,
        },
    )

    issue = Issue.objects.get()
    assert response.url == f"/whats-on/issues/{issue.pk}/"
    with Image.open(issue.photo) as saved:
        assert saved.format == "JPEG"
        assert not saved.getexif()


def test_a_photo_that_is_not_an_image_or_too_big_is_refused_next_to_the_field(
    resident_client, resident, repairs, settings
):
    data = {
        "category": repairs.pk,
        "estate": resident.tenancy.home.block.estate_id,
        "location": "X",
        "description": "Y",
    }
    fake = SimpleUploadedFile("photo.jpg", b"not really a picture", content_type="image/jpeg")
    page = resident_client.post("/whats-on/issues/report/", {**data, "photo": fake}).content.decode()
    assert "The photo must be a JPG or PNG picture" in page

    settings.EVENTS_ISSUE_PHOTO_MAX_BYTES = 100
    big = SimpleUploadedFile("photo.jpg", jpeg((400, 400)), content_type="image/jpeg")
    page = resident_client.post("/whats-on/issues/report/", {**data, "photo": big}).content.decode()
    assert "The photo must be smaller than" in page
    assert not Issue.objects.exists()


def test_your_issues_uses_the_same_number_of_queries_with_50_issues_as_with_500(
    resident_client, resident, repairs, django_assert_max_num_queries
):
    estate = bulk.estates(1)[0]

    def visit():
        page = resident_client.get("/whats-on/issues/").content.decode()
        assert page.count("Engineer booked") == Issue.objects.count()

    bulk.queries_stay_the_same(
        django_assert_max_num_queries,
        lambda count: bulk.issues(count, category=repairs, raised_by=resident, estate=estate, update="Engineer booked"),
        visit,
        ceiling=20,
    )


def test_an_issue_reported_after_a_walkabout_is_linked_to_it(resident_client, resident, repairs):
    from events.models import Event

    walkabout = EventFactory(kind=Event.Kind.WALKABOUT, title="Walkabout", venue=None, estate=EstateFactory())
    page = resident_client.get(f"/whats-on/issues/report/?event={walkabout.pk}").content.decode()
    assert "Following up the Walkabout" in page

    resident_client.post(
        f"/whats-on/issues/report/?event={walkabout.pk}",
        {
            "category": repairs.pk,
            "estate": walkabout.estate_id,
            "location": "Path by block C",
            "description": "Lights out",
        },
    )
    assert Issue.objects.get().event == walkabout
