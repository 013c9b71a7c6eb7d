"""Headers that limit what a page can do and who may keep a copy of it."""

import re

import pytest
from django.urls import reverse

from engagement.tests.test_settings import _manage
from events.models import CalendarFeed
from events.services.bookings import booking_create
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_every_page_has_a_content_security_policy_whose_nonce_lets_only_our_inline_script_run(client):
    response = client.get("/")

    policy = _policy(response)
    nonce = re.search(r"'nonce-([^']+)'", " ".join(policy["script-src"])).group(1)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert f'<script nonce="{nonce}">document.body.className' in response.content.decode()
    assert nonce not in client.get("/").content.decode()  # a new one each time


def test_every_page_turns_off_browser_features_it_does_not_use(client):
    policy = client.get("/")["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize(
    "url",
    [
        "/your-account/",
        "/your-account/contact-details/",
        "/your-account/download-my-data/",
        "/whats-on/your-events/",
        "/whats-on/issues/",
        "/panels/",
        "/sounding-board/",
        "/",
    ],
)
def test_pages_for_a_signed_in_resident_are_not_kept_by_any_cache(resident_client, url):
    response = resident_client.get(url)

    assert response.status_code == 200
    assert _no_store(response)


@pytest.mark.parametrize(
    "url", ["/reports/reach/", "/whats-on/reports/attendance/", "/admin/", "/admin/engagement/resident/"]
)
def test_staff_reports_and_admin_are_not_kept_by_any_cache(client, community_relations, url):
    client.force_login(community_relations)

    response = client.get(url)

    assert response.status_code == 200
    assert _no_store(response)


def test_pages_reached_by_a_personal_link_are_not_kept_by_any_cache(client, resident):
    feed = CalendarFeed.objects.create(resident=resident, token="private-feed-token")
    booking_create(event=EventFactory(), resident=resident)

    assert _no_store(client.get(f"/whats-on/your-events/{feed.token}/calendar.ics"))


def test_a_public_page_for_someone_not_signed_in_may_be_cached(client):
    assert not _no_store(client.get(reverse("home")))


@pytest.mark.parametrize(
    "key, why",
    [
        ("short-key", "too short"),
        ("django-insecure-development-only-key-never-use-in-production", "the development key"),
        ("a" * 60, "too few different characters"),
    ],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key, why):
    result = _manage("check", DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="voice.example.gov.uk")

    assert result.returncode != 0, why
    assert "SECRET_KEY is too weak for production" in result.stderr
