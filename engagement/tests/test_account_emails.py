"""Every account email allauth sends is in the service's words, with links from SITE_URL."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

SITE_URL = "http://127.0.0.1:8101"


def _in_our_words(email) -> None:
    assert email.subject.startswith("Resident Voice: ")
    assert "Hello from" not in email.body and "Thank you for using" not in email.body
    assert email.body.endswith(f"Resident Voice\nLewisham Council\n{SITE_URL}/")
    assert all(link.startswith(SITE_URL) for link in re.findall(r"https?://\S+", email.body))


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def test_the_sign_in_code_email(client):
    resident = ResidentFactory(first_name="Amina")
    client.post(reverse("account_request_login_code"), {"email": resident.user.email})

    email = mail.outbox[-1]
    _in_our_words(email)
    assert email.subject == "Resident Voice: Your code to sign in"
    assert email.body.startswith("Dear Amina,") and "stops working after 3 minutes" in email.body


def test_the_password_reset_email(client):
    resident = ResidentFactory(first_name="Amina")
    client.post(reverse("account_reset_password"), {"email": resident.user.email})

    email = mail.outbox[-1]
    _in_our_words(email)
    assert email.subject == "Resident Voice: Reset your password"
    assert f"{SITE_URL}/account/password/reset/key/" in email.body


def test_the_email_change_code_goes_to_the_new_address(client):
    resident = ResidentFactory(first_name="Amina")
    client.force_login(resident.user)

    page = client.get(reverse("account_email")).content.decode()
    assert "Change your email address" in page
    client.post(reverse("account_email"), {"email": "amina.new@example.org", "action_add": ""})

    email = mail.outbox[-1]
    assert email.to == ["amina.new@example.org"]
    _in_our_words(email)
    assert email.subject == "Resident Voice: Your code to confirm your email address"
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", email.body)


def test_signing_up_again_with_an_address_in_use_says_so_kindly(client):
    resident = ResidentFactory()
    client.post(
        reverse("account_signup"),
        {"first_name": "A", "last_name": "B", "email": resident.user.email, "password1": "a long enough password"},
    )

    email = mail.outbox[-1]
    _in_our_words(email)
    assert email.subject == "Resident Voice: You already have an account"
