import pytest
from django.urls import reverse

from engagement.models import AccessNeed, EqualityMonitoring, Interest

pytestmark = pytest.mark.django_db


def test_the_account_page_shows_what_we_hold(resident_client, resident):
    page = resident_client.get(reverse("my_account")).content.decode()

    assert resident.full_name in page
    assert resident.tenancy.reference in page
    assert resident.tenancy.home.postcode in page
    assert "Do not contact me" in page  # no survey consent yet


def test_a_mobile_number_is_stored_in_e164_and_shown_the_usual_way(resident_client, resident):
    response = resident_client.post(
        reverse("contact_details"),
        {"first_name": "Rita", "last_name": "Resident", "mobile": "07700 900 982", "preferred_language": "English"},
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.mobile == "+447700900982"
    assert "07700 900982" in resident_client.get(reverse("my_account")).content.decode()


@pytest.mark.parametrize(
    "typed, error",
    [
        ("12345", "Enter a UK mobile number"),
        ("020 7946 0018", "Enter a mobile number, not a landline"),
        ("+33 6 12 34 56 78", "Enter a UK mobile number"),
    ],
)
def test_a_bad_mobile_number_is_explained_and_what_was_typed_is_kept(resident_client, resident, typed, error):
    page = resident_client.post(
        reverse("contact_details"),
        {"first_name": "Rita", "last_name": "Resident", "mobile": typed, "preferred_language": "English"},
    ).content.decode()

    assert error in page
    assert f'value="{typed}"' in page
    resident.refresh_from_db()
    assert resident.mobile == ""


def test_a_date_of_birth_in_the_future_is_refused(resident_client):
    page = resident_client.post(
        reverse("contact_details"),
        {
            "first_name": "Rita",
            "last_name": "Resident",
            "preferred_language": "English",
            "date_of_birth_0": "1",
            "date_of_birth_1": "1",
            "date_of_birth_2": "2999",
        },
    ).content.decode()

    assert "Date of birth must be in the past" in page


def test_access_needs_are_saved_as_choices_and_free_text(resident_client, resident):
    bsl = AccessNeed.objects.get(code="bsl_interpreter")

    resident_client.post(
        reverse("access_needs"), {"access_needs": [bsl.pk], "access_needs_other": "I bring an assistance dog"}
    )

    resident.refresh_from_db()
    assert list(resident.access_needs.all()) == [bsl]
    assert resident.access_needs_other == "I bring an assistance dog"


def test_choosing_an_interpreter_asks_which_language(resident_client, resident):
    interpreter = AccessNeed.objects.get(code="language_interpreter")

    page = resident_client.post(reverse("access_needs"), {"access_needs": [interpreter.pk]}).content.decode()

    assert "Enter the language you need an interpreter for" in page
    assert not resident.access_needs.exists()


def test_interests_are_saved(resident_client, resident):
    events, training = Interest.objects.filter(code__in=["events", "training"])

    resident_client.post(reverse("interests"), {"interests": [events.pk, training.pk]})

    assert set(resident.interests.all()) == {events, training}


def test_equality_questions_are_optional_and_offer_prefer_not_to_say(resident_client, resident):
    page = resident_client.get(reverse("equality_monitoring")).content.decode()
    assert page.count("Prefer not to say") == 9

    response = resident_client.post(reverse("equality_monitoring"), {"religion": "prefer_not_to_say"})

    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(resident=resident)
    assert answers.religion == "prefer_not_to_say"
    assert answers.ethnicity == ""


def test_the_account_page_links_to_what_the_resident_is_involved_in(resident_client):
    page = resident_client.get(reverse("my_account")).content.decode()

    assert f'href="{reverse("panels:yours")}">Your panels and applications</a>' in page
    assert f'href="{reverse("events:my_events")}">Your events</a>' in page
    assert f'href="{reverse("events:my_issues")}">Issues you have raised</a>' in page
