"""Email addresses GOV.UK Notify cannot send to are explained at the field, and names in any script work."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from engagement.email_addresses import email_address_problem
from engagement.models import ContactEnquiry, Resident

ACCENTED = "zoë.o'brien+rv@example.org"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        (ACCENTED, "(not ‘ë’). Type ‘e’ instead of ‘ë’ if that is your address, or use another email address"),
        ("李伟@example.org", "(not ‘李’ and ‘伟’). Use another email address"),
        ("jo..smith@example.org", "cannot start or end with a dot, or have two dots together"),
        ("jo smith@example.org", "Email address cannot have spaces in it"),
        ("jo@localhost", "after the @ must be a web address, like example.com"),
        ("jo@example.c0m", "after the @ must be a web address, like example.com"),
        ("jo.example.org", "Enter an email address in the correct format, like name@example.com"),
        ("jo@@example.org", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_each_address_notify_would_refuse_says_what_is_wrong(address, problem):
    assert problem in email_address_problem(address)


@pytest.mark.parametrize(
    "address", ["o'brien+rv@example.org", "first.last@example.co.uk", "a_b-c@xn--mnchen-3ya.de", "x@münchen.de"]
)
def test_addresses_notify_accepts_are_accepted(address):
    assert email_address_problem(address) == ""


@pytest.mark.django_db
def test_signing_up_with_an_accented_address_says_what_to_change_and_keeps_what_was_typed(client):
    page = client.post(
        reverse("account_signup"),
        {"first_name": "Zoë", "last_name": "O'Brien", "email": ACCENTED, "password1": "a long enough password"},
    ).content.decode()

    assert "There is a problem" in page
    assert "Enter a valid email address" not in page
    assert "Type ‘e’ instead of ‘ë’ if that is your address" in page
    assert 'value="zoë.o&#x27;brien+rv@example.org"' in page
    assert 'value="Zoë"' in page and 'value="O&#x27;Brien"' in page
    assert not Resident.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [reverse("account_login"), reverse("account_request_login_code"), reverse("account_reset_password")]
)
def test_every_page_that_asks_for_an_email_address_explains_an_accented_one(client, url):
    field = "login" if url == reverse("account_login") else "email"
    page = client.post(url, {field: ACCENTED, "password": "whatever it is"}).content.decode()

    assert "Type ‘e’ instead of ‘ë’ if that is your address" in page


@pytest.mark.django_db(transaction=True)
def test_contact_us_explains_an_accented_address_and_keeps_the_message(client):
    page = client.post(
        "/contact-us/", {"name": "Zoë O'Brien", "email": ACCENTED, "message": "Is there a roadshow soon?"}
    ).content.decode()

    assert "Type ‘e’ instead of ‘ë’ if that is your address" in page
    assert "Is there a roadshow soon?" in page
    assert not ContactEnquiry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Zoë", "Ñúñez-Çelik"), ("Siobhán", "O'Brien"), ("Лариса", "Иванова"), ("秀英", "王"), ("نور", "حداد")],
    ids=["accents", "apostrophe", "cyrillic", "chinese", "arabic"],
)
def test_names_with_accents_apostrophes_and_other_scripts_sign_up_and_show_as_typed(client, first_name, last_name):
    client.post(
        reverse("account_signup"),
        {"first_name": first_name, "last_name": last_name, "email": "new@example.org", "password1": "a long password"},
    )
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", mail.outbox[-1].body).group(0)
    client.post(reverse("account_email_verification_sent"), {"code": code})

    resident = Resident.objects.get(email="new@example.org")
    assert (resident.first_name, resident.last_name) == (first_name, last_name)
    assert mail.outbox[0].body.startswith(f"Dear {first_name},")
    edit = client.get(reverse("contact_details")).content.decode()
    assert f'value="{first_name}"' in edit.replace("&#x27;", "'")
