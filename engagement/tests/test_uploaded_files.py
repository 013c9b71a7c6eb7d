"""Uploaded files are never public: staff reach them from admin, residents through each app's checked views."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return default_storage.save("tenancy-imports/2026/11/tenancies.csv", ContentFile(b"tenancy_reference\nTEN-1\n"))


def test_staff_can_open_an_uploaded_file_linked_from_admin(client, officer, stored_file):
    client.force_login(officer)

    response = client.get(f"/media/{stored_file}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"tenancy_reference\nTEN-1\n"
    assert response["Cache-Control"] == "private, no-store"


def test_visitors_and_residents_cannot_open_uploaded_files(client, resident, stored_file):
    anonymous = client.get(f"/media/{stored_file}")
    client.force_login(resident.user)
    as_resident = client.get(f"/media/{stored_file}")

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url
    assert as_resident.status_code == 302 and "/admin/login/" in as_resident.url


@pytest.mark.parametrize("path", ["../settings.py", "..%2F..%2Fetc%2Fpasswd", "missing.pdf"])
def test_paths_outside_the_uploads_or_missing_files_are_not_found(client, officer, stored_file, path):
    client.force_login(officer)

    assert client.get(f"/media/{path}").status_code == 404
