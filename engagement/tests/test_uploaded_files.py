"""Uploaded files have no address of their own: each is served by its object's view, which checks
that object's permission. Here, tenancy lists (household names) and how long they are kept."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Tenancy, TenancyImport
from engagement.tasks import delete_old_tenancy_files
from engagement.tests.test_tenancy_import import csv_file, three_tenancies

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def uploaded(officer_client) -> TenancyImport:
    """A tenancy list uploaded through admin by an engagement officer (who may import)."""
    officer_client.post(
        reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(three_tenancies(), name="tenancies.csv")}
    )
    return TenancyImport.objects.get()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_officer_who_may_import_downloads_the_list_from_the_import_page(officer_client, uploaded):
    page = officer_client.get(reverse("admin:engagement_tenancyimport_change", args=[uploaded.pk])).content.decode()
    file_url = reverse("admin:engagement_tenancyimport_file", args=[uploaded.pk])
    assert f'<a href="{file_url}">tenancies.csv</a>' in page
    assert "/media/" not in page

    response = officer_client.get(file_url)

    assert response.status_code == 200
    assert b"TEN-000001" in _body(response)
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["Content-Disposition"] == 'attachment; filename="tenancies.csv"'


def test_community_relations_without_the_import_permission_cannot_download_the_list(
    client, community_relations, uploaded
):
    client.force_login(community_relations)

    response = client.get(reverse("admin:engagement_tenancyimport_file", args=[uploaded.pk]))

    assert response.status_code == 403
    assert b"TEN-000001" not in response.content


def test_residents_and_visitors_are_sent_to_the_staff_sign_in(client, resident, uploaded):
    url = reverse("admin:engagement_tenancyimport_file", args=[uploaded.pk])
    client.logout()  # the officer who uploaded it

    anonymous = client.get(url)
    client.force_login(resident.user)
    as_resident = client.get(url)

    for response in (anonymous, as_resident):
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_the_old_media_addresses_are_not_found_even_for_staff(client, administrator, uploaded):
    client.force_login(administrator)

    assert client.get(f"/media/{uploaded.file.name}").status_code == 404
    assert client.get("/media/tenancy-imports/2026/11/tenancies.csv").status_code == 404


def test_the_stored_name_says_nothing_of_the_upload_or_of_other_uploads(officer_client, uploaded):
    officer_client.post(reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(three_tenancies())})
    first, second = TenancyImport.objects.order_by("pk")

    assert "tenancies" not in first.file.name
    assert first.file.name.startswith("tenancy-imports/") and first.file.name.endswith(".csv")
    assert len(first.file.name.rsplit("/", 1)[-1]) == len("0123456789abcdef0123456789abcdef.csv")
    assert first.file.name != second.file.name


def test_a_file_missing_from_storage_is_not_found(officer_client, uploaded):
    uploaded.file.storage.delete(uploaded.file.name)

    assert officer_client.get(reverse("admin:engagement_tenancyimport_file", args=[uploaded.pk])).status_code == 404


def test_uploaded_lists_are_deleted_after_the_retention_period_and_the_summary_stays(
    officer_client, uploaded, settings
):
    settings.TENANCY_IMPORT_FILE_RETENTION_DAYS = 30
    officer_client.post(reverse("admin:engagement_tenancyimport_preview", args=[uploaded.pk]))
    officer_client.post(reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(three_tenancies())})
    old, recent = TenancyImport.objects.order_by("pk")
    TenancyImport.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=31))
    storage, old_name = old.file.storage, old.file.name

    assert delete_old_tenancy_files.delay().get() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert not storage.exists(old_name)
    assert not old.file and old.file_deleted_at is not None
    assert old.status == TenancyImport.Status.APPLIED and old.created == 3 and old.original_name == "tenancies.csv"
    assert recent.file and storage.exists(recent.file.name)
    page = officer_client.get(reverse("admin:engagement_tenancyimport_change", args=[old.pk])).content.decode()
    assert "after its retention period" in page
    assert officer_client.get(reverse("admin:engagement_tenancyimport_file", args=[old.pk])).status_code == 404
    assert delete_old_tenancy_files.delay().get() == 0


def test_a_checked_list_whose_file_was_deleted_cannot_be_confirmed(officer_client, uploaded):
    TenancyImport.objects.filter(pk=uploaded.pk).update(uploaded_at=timezone.now() - timedelta(days=60))
    delete_old_tenancy_files.delay().get()

    response = officer_client.post(reverse("admin:engagement_tenancyimport_preview", args=[uploaded.pk]), follow=True)

    assert "the uploaded file has been deleted after its retention period" in response.content.decode()
    assert not Tenancy.objects.exists()
    assert TenancyImport.objects.get().status == TenancyImport.Status.CHECKED


def test_the_deletion_runs_every_day_on_the_beat(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "engagement.tasks.delete_old_tenancy_files" in schedule
