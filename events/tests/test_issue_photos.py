"""An issue's photo is served by the issue's own view, by the issue's rules: the resident who raised
it and staff who work on issues; nobody else, and never from a storage address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Issue, IssueCategory
from events.services.issues import issue_raise
from events.tests.test_issues import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(resident) -> Issue:
    return issue_raise(
        category=IssueCategory.objects.get(code="repairs"),
        location="Bin store",
        description="Door hanging off",
        raised_by=resident,
        photo=SimpleUploadedFile("IMG_20261103_bin_store.jpg", jpeg(), content_type="image/jpeg"),
    )


def test_the_resident_who_raised_it_sees_their_photo_from_the_issue_page(resident_client, issue):
    page = resident_client.get(reverse("events:issue_detail", args=[issue.pk])).content.decode()
    photo_url = reverse("events:issue_photo", args=[issue.pk])
    assert f'href="{photo_url}"' in page

    response = resident_client.get(photo_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_another_resident_and_visitors_cannot_see_it(client, other_resident, issue):
    url = reverse("events:issue_photo", args=[issue.pk])

    assert client.get(url).status_code == 404
    client.force_login(other_resident.user)
    assert client.get(url).status_code == 404


def test_staff_who_work_on_issues_open_it_from_the_issue_in_admin(client, officer, issue):
    client.force_login(officer)

    page = client.get(reverse("admin:events_issue_change", args=[issue.pk])).content.decode()

    photo_url = reverse("events:issue_photo", args=[issue.pk])
    assert f'href="{photo_url}"' in page
    assert "/media/" not in page
    assert client.get(photo_url).status_code == 200


def test_the_photo_is_stored_under_a_random_name_not_at_a_media_address(client, officer, issue):
    client.force_login(officer)

    assert "IMG_20261103" not in issue.photo.name and "photo" not in issue.photo.name.rsplit("/", 1)[-1]
    assert client.get(f"/media/{issue.photo.name}").status_code == 404


def test_a_photo_missing_from_storage_is_not_found(resident_client, issue):
    issue.photo.storage.delete(issue.photo.name)

    assert resident_client.get(reverse("events:issue_photo", args=[issue.pk])).status_code == 404


def test_an_issue_without_a_photo_has_none_to_serve(resident_client, issue):
    Issue.objects.filter(pk=issue.pk).update(photo="")

    assert resident_client.get(reverse("events:issue_photo", args=[issue.pk])).status_code == 404
