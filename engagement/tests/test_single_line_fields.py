"""Names and other one-line answers refuse line breaks, hidden control characters, text-reversing
characters and names made only of invisible characters, at the field, with what was typed kept."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from engagement.forms.govuk import PlainTextMixin
from engagement.models import ContactEnquiry, InterestRegistration

pytestmark = pytest.mark.django_db

INJECTED = "Bob\r\nBcc: victim@evil.example"
ENQUIRY = {"email": "pat@example.com", "message": "When is the fun day?"}


def _errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize(
    "name, message",
    [
        (INJECTED, "Your name must be on one line, without hidden control characters"),
        ("Pat\tSmith", "Your name must be on one line, without hidden control characters"),
        ("Pat\x1bSmith", "Your name must be on one line, without hidden control characters"),
        ("Pat \u202eevil.exe", "Your name must not have characters that reverse the direction of the text"),
        ("Pat \u2067Smith", "Your name must not have characters that reverse the direction of the text"),
        ("\u200b\u200b", "Enter your name"),
        ("\u200d \ufeff\u2060", "Enter your name"),
        ("\u3164", "Enter your name"),
    ],
)
def test_contact_us_refuses_a_name_that_could_break_or_disguise_a_message(client, name, message):
    response = client.post(reverse("contact_us"), {"name": name, **ENQUIRY})

    assert response.status_code == 200
    assert _errors(response, "name") == [message]
    assert not ContactEnquiry.objects.exists()


@pytest.mark.parametrize("name", ["Zoë O’Brien-Ng", "محمد علي", "क्‍षमा", "Anne-Marie\u00a0Smith", "李小龍"])
def test_real_names_in_any_script_are_accepted(client, name):
    response = client.post(reverse("contact_us"), {"name": name, **ENQUIRY})

    assert response.status_code == 302
    assert ContactEnquiry.objects.get().name == name


def test_a_message_keeps_its_line_breaks(client):
    response = client.post(reverse("contact_us"), {"name": "Pat", **ENQUIRY, "message": "Line one\r\nLine two"})

    assert response.status_code == 302
    assert "Line one" in ContactEnquiry.objects.get().message


def test_registering_interest_refuses_a_name_of_invisible_characters(client):
    response = client.post(
        reverse("get_involved"), {"name": "\u200b", "email": "pat@example.com", "interests": [], "consent": ["email"]}
    )

    assert _errors(response, "name") == ["Enter your name"]
    assert not InterestRegistration.objects.exists()


def test_signing_up_refuses_a_name_with_a_line_break(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": "a long pass phrase 42", "first_name": "Bob\nBcc", "last_name": "X"},
    )

    assert response.status_code == 200
    assert "First name must be on one line" in response.content.decode()


def _public_form_classes():
    """Every form class in the apps' form modules (officers' admin forms are elsewhere)."""
    found = set()
    for package in ("engagement", "engagement.messaging", "events", "panels", "surveys", "tenants_associations"):
        module = importlib.import_module(package)
        names = [info.name for info in pkgutil.walk_packages(module.__path__, f"{package}.")]
        for name in names:
            if ".admin" in name or ".tests" in name or not (".forms" in name or name.endswith("forms_reports")):
                continue
            for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                    found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


@pytest.mark.parametrize("form_class", _public_form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form_residents_use_checks_its_one_line_fields(form_class):
    assert issubclass(form_class, PlainTextMixin)
