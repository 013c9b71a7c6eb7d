"""Forms open to everyone send messages; one connection cannot send them without end."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from engagement.models import ContactEnquiry, Interest, InterestRegistration
from engagement.throttle import PUBLIC_MESSAGES

pytestmark = pytest.mark.django_db

ENQUIRY = {"name": "Pat Smith", "email": "pat@example.com", "message": "When is the next roadshow?"}


def test_after_the_hours_messages_the_contact_form_keeps_what_was_typed_and_says_what_to_do(client, settings):
    settings.COMMUNITY_RELATIONS_EMAIL = "cr@example.gov.uk"
    for _ in range(PUBLIC_MESSAGES.per_hour):
        assert client.post(reverse("contact_us"), ENQUIRY).status_code == 302

    response = client.post(reverse("contact_us"), {**ENQUIRY, "message": "One more thing"})

    page = response.content.decode()
    assert response.status_code == 429
    assert "There is a problem" in page
    assert "sent a lot of messages from this connection" in page
    assert "cr@example.gov.uk" in page
    assert "One more thing" in page
    assert ContactEnquiry.objects.count() == PUBLIC_MESSAGES.per_hour


def test_mistakes_do_not_count_towards_the_limit(client):
    for _ in range(PUBLIC_MESSAGES.per_hour + 2):
        client.post(reverse("contact_us"), {**ENQUIRY, "email": "not-an-email"})

    assert client.post(reverse("contact_us"), ENQUIRY).status_code == 302


def test_behind_the_load_balancer_one_connection_used_up_does_not_stop_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(PUBLIC_MESSAGES.per_hour):
        client.post(reverse("contact_us"), ENQUIRY, HTTP_X_FORWARDED_FOR="203.0.113.7")

    stopped = client.post(reverse("contact_us"), ENQUIRY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    neighbour = client.post(reverse("contact_us"), ENQUIRY, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert (stopped.status_code, neighbour.status_code) == (429, 302)


def test_registering_interest_counts_too(client):
    events = Interest.objects.get(code="events")
    interest = {"name": "Pat Smith", "email": "pat@example.com", "interests": [events.pk], "consent": ["email"]}
    for _ in range(PUBLIC_MESSAGES.per_hour):
        client.post(reverse("contact_us"), ENQUIRY)

    response = client.post(reverse("get_involved"), interest)

    assert response.status_code == 429
    assert not InterestRegistration.objects.exists()


def test_with_the_cache_down_messages_still_go(client, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for method in ("get", "add", "incr"):
        monkeypatch.setattr(type(caches["default"]), method, down)

    assert client.post(reverse("contact_us"), ENQUIRY).status_code == 302
    assert ContactEnquiry.objects.count() == 1
