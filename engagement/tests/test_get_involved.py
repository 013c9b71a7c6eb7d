import re

import pytest
from django.core import mail
from django.urls import reverse

from engagement.models import Consent, ConsentChange, Interest, InterestRegistration, Resident

pytestmark = pytest.mark.django_db


def _code_from(email) -> str:
    return re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", email.body).group(0)


def test_anyone_can_register_interest_without_an_account(client):
    events = Interest.objects.get(code="events")

    response = client.post(
        reverse("get_involved"),
        {"name": "Pat Smith", "email": "pat@example.com", "interests": [events.pk], "consent": ["email"]},
    )

    assert response.url == reverse("get_involved_done")
    registration = InterestRegistration.objects.get()
    assert list(registration.interests.all()) == [events]
    assert registration.consent_email and not registration.consent_text


def test_consent_to_texts_needs_a_mobile_number(client):
    events = Interest.objects.get(code="events")

    page = client.post(
        reverse("get_involved"), {"name": "Pat", "interests": [events.pk], "consent": ["text"]}
    ).content.decode()

    assert "Enter your mobile number, or untick text message below" in page
    assert 'value="Pat"' in page
    assert not InterestRegistration.objects.exists()


def test_the_form_is_merged_into_the_resident_record_when_they_sign_up_with_that_email(client):
    surveys = Interest.objects.get(code="surveys")
    client.post(
        reverse("get_involved"),
        {"name": "Pat Smith", "email": "pat@example.com", "interests": [surveys.pk], "consent": ["email"]},
    )

    client.post(
        reverse("account_signup"),
        {"first_name": "Pat", "last_name": "Smith", "email": "pat@example.com", "password1": "a long enough password"},
    )
    client.post(reverse("account_email_verification_sent"), {"code": _code_from(mail.outbox[-1])})

    resident = Resident.objects.get(email="pat@example.com")
    assert list(resident.interests.all()) == [surveys]
    consent = Consent.objects.get(resident=resident, channel="email", purpose="engagement")
    assert consent.given and consent.source == "get_involved_form"
    assert InterestRegistration.objects.get().merged_into == resident


def test_a_signed_in_resident_updates_their_own_record_straight_away(resident_client, resident):
    training = Interest.objects.get(code="training")

    resident_client.post(
        reverse("get_involved"),
        {"name": resident.full_name, "email": resident.email, "interests": [training.pk], "consent": ["email"]},
    )

    assert training in resident.interests.all()
    assert ConsentChange.objects.filter(resident=resident, purpose="engagement", given=True).exists()
