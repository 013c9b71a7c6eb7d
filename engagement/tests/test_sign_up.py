import re

import pytest
from django.core import mail
from django.urls import reverse

from engagement.models import Consent, Resident

pytestmark = pytest.mark.django_db


def _sign_up(client, email="new@example.com"):
    return client.post(
        reverse("account_signup"),
        {"first_name": "Nadia", "last_name": "New", "email": email, "password1": "a long enough password"},
    )


def test_signing_up_creates_a_resident_and_emails_a_code(client):
    response = _sign_up(client)

    assert response.status_code == 302
    resident = Resident.objects.get(email="new@example.com")
    assert resident.full_name == "Nadia New"
    assert resident.user.email == "new@example.com"
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body)
    # Booking confirmations can go by email from the start; surveys wait for a yes.
    assert Consent.objects.get(resident=resident, channel="email", purpose="service").given
    assert not Consent.objects.filter(resident=resident, purpose="engagement").exists()


def test_after_verifying_the_email_the_resident_is_asked_to_confirm_their_tenancy(client):
    _sign_up(client)
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body).group(0)

    response = client.post(reverse("account_email_verification_sent"), {"code": code})

    assert response.status_code == 302
    assert response.url == reverse("verify_tenancy")


def test_a_missing_name_is_explained_and_the_email_typed_is_kept(client):
    page = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": "a long enough password"}
    ).content.decode()

    assert "Enter your first name" in page
    assert 'value="new@example.com"' in page
    assert not Resident.objects.exists()


def test_signing_in_by_password_takes_an_unverified_resident_to_the_tenancy_check(client):
    _sign_up(client)
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body).group(0)
    client.post(reverse("account_email_verification_sent"), {"code": code})
    client.logout()

    response = client.post(reverse("account_login"), {"login": "new@example.com", "password": "a long enough password"})

    assert response.url == reverse("verify_tenancy")


def test_a_resident_can_sign_in_with_a_code_instead_of_a_password(client, resident):
    response = client.post(reverse("account_request_login_code"), {"email": resident.user.email})
    assert response.status_code == 302
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body).group(0)

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("my_account")).status_code == 200


def test_staff_signing_in_go_to_admin(client, officer):
    response = client.post(reverse("account_login"), {"login": officer.email, "password": "correct horse battery"})

    assert response.url == reverse("admin:index")


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, resident):
    pages = [
        client.post(
            reverse("account_login"), {"login": resident.user.email, "password": "wrong password"}
        ).content.decode()
        for _ in range(6)
    ]
    right = client.post(reverse("account_login"), {"login": resident.user.email, "password": "correct horse battery"})

    assert "Too many failed login attempts" not in pages[0]
    assert "Too many failed login attempts" in pages[-1]
    assert right.status_code == 200  # refused even with the right password until the lock expires
