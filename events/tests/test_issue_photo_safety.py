"""Issue photos cannot exhaust the server or carry anything but the picture."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from events.models import Issue, IssueCategory
from events.services import issues as issue_services

pytestmark = pytest.mark.django_db

REPORT = "/whats-on/issues/report/"


@pytest.fixture(autouse=True)
def _photos_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report(resident):
    return {
        "category": IssueCategory.objects.get(code="repairs").pk,
        "estate": resident.tenancy.home.block.estate_id,
        "location": "Bin store",
        "description": "Door hanging off",
    }


def _png(size, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG", **save)
    return out.getvalue()


def test_a_small_file_with_a_huge_picture_is_refused_before_it_is_decoded(resident_client, report, monkeypatch):
    bomb = _png((12000, 12000))
    decoded = []
    monkeypatch.setattr(issue_services, "photo_clean", lambda upload: decoded.append(upload))

    page = resident_client.post(
        REPORT, {**report, "photo": SimpleUploadedFile("hole.png", bomb, content_type="image/png")}
    )

    assert len(bomb) < 1024 * 1024
    assert page.status_code == 200
    assert "The photo is too big to use (144 million pixels)" in page.content.decode()
    assert "Door hanging off" in page.content.decode()
    assert decoded == [] and not Issue.objects.exists()


def test_a_huge_picture_is_refused_in_admin_too(client, administrator, report, resident):
    client.force_login(administrator)
    data = {
        **report,
        "status": "open",
        "updates-TOTAL_FORMS": 0,
        "updates-INITIAL_FORMS": 0,
        "photo": SimpleUploadedFile("hole.png", _png((12000, 12000)), content_type="image/png"),
    }

    page = client.post("/admin/events/issue/add/", data)

    assert page.status_code == 200
    assert "The photo is too big to use" in page.content.decode()
    assert not Issue.objects.exists()


def test_a_jpeg_keeps_no_comment_location_or_colour_profile(resident_client, report):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # make
    exif[0x8825] = {1: "N", 2: (51.0, 28.0, 0.0)}  # GPS
    original = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(
        original, "JPEG", comment=b"flat 3 keysafe 4412", exif=exif.tobytes(), icc_profile=b"private-profile"
    )

    resident_client.post(
        REPORT, {**report, "photo": SimpleUploadedFile("p.jpg", original.getvalue(), content_type="image/jpeg")}
    )

    stored = Issue.objects.get().photo.read()
    assert b"keysafe" not in stored and b"SecretCam" not in stored and b"private-profile" not in stored
    with Image.open(io.BytesIO(stored)) as saved:
        assert not {"comment", "exif", "icc_profile"} & set(saved.info)


def test_a_png_keeps_no_text_or_colour_profile(resident_client, report):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "flat 3 keysafe 4412")
    original = _png((64, 48), pnginfo=text, icc_profile=b"private-profile")

    resident_client.post(REPORT, {**report, "photo": SimpleUploadedFile("p.png", original, content_type="image/png")})

    stored = Issue.objects.get().photo.read()
    assert b"keysafe" not in stored and b"private-profile" not in stored
    with Image.open(io.BytesIO(stored)) as saved:
        assert saved.format == "PNG" and not saved.text and "icc_profile" not in saved.info


def test_a_body_bigger_than_a_photo_can_be_is_refused_before_it_is_read(resident_client):
    # The test client holds only a few bytes: reading the 40 MB it claims would fail the test.
    response = resident_client.generic(
        "POST",
        REPORT,
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(40 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "The photo is too big" in response.content.decode()
    assert "smaller than 5MB" in response.content.decode()


def test_any_request_bigger_than_the_sites_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_MAX_BYTES = 1024 * 1024

    response = client.generic(
        "POST", "/contact-us/", b"name=x", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH="2000000"
    )

    assert response.status_code == 413
