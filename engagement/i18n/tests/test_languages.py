"""A resident's language is used for their pages and messages when its translation is complete."""

import pytest
from django.test import Client
from django.urls import reverse

from engagement.i18n.languages import catalogue_complete, language_code_for, offered_languages
from engagement.i18n.tests.catalogues import catalogues  # noqa: F401  (fixture)
from engagement.messaging.models import Message
from engagement.messaging.services.delivery import message_subject, render_message
from engagement.models import Channel, Purpose
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _signed_in(resident) -> Client:
    client = Client()
    client.force_login(resident.user)
    return client


def test_only_complete_translations_count(catalogues):  # noqa: F811
    assert catalogue_complete("cy")
    assert not catalogue_complete("pl")  # one message untranslated
    assert not catalogue_complete("so")  # one message fuzzy
    assert not catalogue_complete("fr")  # no catalogue at all
    assert [answer for answer, _label in offered_languages()] == ["English", "Welsh"]


def test_the_language_question_offers_english_complete_translations_and_any_other(catalogues):  # noqa: F811
    page = _signed_in(ResidentFactory()).get(reverse("contact_details")).content.decode()

    assert "Cymraeg (Welsh)" in page
    assert "Polski" not in page and "Polish" not in page
    assert "Soomaaliga" not in page
    assert 'value="other"' in page


def test_a_resident_who_chose_welsh_gets_pages_in_welsh(catalogues):  # noqa: F811
    client = _signed_in(ResidentFactory(preferred_language="Welsh"))

    response = client.get(reverse("my_account"))
    page = response.content.decode()

    assert "[cy] Your account" in page
    assert '<html lang="cy"' in page
    assert response.headers["Content-Language"] == "cy"


def test_a_language_not_completely_translated_is_not_used(catalogues):  # noqa: F811
    page = _signed_in(ResidentFactory(preferred_language="Polish")).get(reverse("my_account")).content.decode()

    assert "[pl]" not in page
    assert '<h1 class="govuk-heading-l">Your account</h1>' in page
    assert '<html lang="en-gb"' in page


def test_choosing_welsh_on_the_account_switches_the_pages_at_once(catalogues):  # noqa: F811
    resident = ResidentFactory(first_name="Rhian", last_name="Jones")
    client = _signed_in(resident)

    response = client.post(
        reverse("contact_details"), {"first_name": "Rhian", "last_name": "Jones", "preferred_language": "Welsh"}
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.preferred_language == "Welsh"
    assert "[cy] Your account" in client.get(reverse("my_account")).content.decode()


def test_another_language_is_kept_as_typed_and_pages_stay_in_english(catalogues):  # noqa: F811
    resident = ResidentFactory(first_name="Ayaan", last_name="Ali")
    client = _signed_in(resident)

    missing = client.post(
        reverse("contact_details"), {"first_name": "Ayaan", "last_name": "Ali", "preferred_language": "other"}
    ).content.decode()
    assert "Enter the language you would like us to use" in missing

    client.post(
        reverse("contact_details"),
        {"first_name": "Ayaan", "last_name": "Ali", "preferred_language": "other", "other_language": "Somali"},
    )

    resident.refresh_from_db()
    assert resident.preferred_language == "Somali"
    assert "[so]" not in client.get(reverse("my_account")).content.decode()
    # Asked again, the form shows what they typed under "another language".
    form_page = client.get(reverse("contact_details")).content.decode()
    assert 'value="Somali"' in form_page


def test_an_answer_given_before_translations_existed_is_matched_by_name(catalogues):  # noqa: F811
    assert language_code_for("welsh") == "cy"
    assert language_code_for("Cymraeg") == "cy"
    assert language_code_for("Polish") == "en-gb"
    assert language_code_for("") == "en-gb"


@pytest.mark.parametrize("language, expected", [("Welsh", "[cy] "), ("Polish", ""), ("English", "")])
def test_messages_are_written_in_the_residents_language_when_complete(catalogues, language, expected):  # noqa: F811
    resident = ResidentFactory(first_name="Rhian", preferred_language=language)
    message = Message.objects.create(
        idempotency_key=f"claim:{language}",
        resident=resident,
        channel=Channel.EMAIL,
        purpose=Purpose.SERVICE,
        template="engagement.tenancy_claimed",
        personalisation={"claimed_on": "3 December 2026", "contact_url": "https://example.org/contact-us/"},
    )

    rendered = render_message(message)

    assert rendered.subject == f"{expected}Someone asked to link an account to your tenancy"
    assert rendered.body.startswith(f"{expected}Dear Rhian,")
    assert message_subject(message) == rendered.subject
