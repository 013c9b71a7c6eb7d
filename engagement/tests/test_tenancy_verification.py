import pytest
from django.urls import reverse

from engagement.models import TenancyVerificationAttempt
from engagement.services.residents import tenancy_link_by_officer, tenancy_verify
from engagement.tests.factories import HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenancy():
    return TenancyFactory(reference="TEN-004512", home=HomeFactory(postcode="SE6 4RU"))


@pytest.fixture
def newcomer():
    """A resident who has signed up but not yet proved their tenancy."""
    return ResidentFactory(tenancy=None, tenancy_verified_at=None)


def test_a_matching_reference_and_postcode_links_the_tenancy(newcomer, tenancy):
    result = tenancy_verify(newcomer, reference="ten-004512 ", postcode="se64ru")

    newcomer.refresh_from_db()
    assert result.verified
    assert newcomer.tenancy == tenancy
    assert newcomer.has_verified_tenancy
    assert newcomer.tenancy_verified_by is None


def test_a_wrong_postcode_does_not_link_and_does_not_say_which_part_was_wrong(client, newcomer, tenancy):
    client.force_login(newcomer.user)

    response = client.post(reverse("verify_tenancy"), {"reference": "TEN-004512", "postcode": "SE1 1AA"})

    page = response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.tenancy is None
    assert "do not match our records" in page
    assert "You have 4 tries left today" in page
    assert 'value="TEN-004512"' in page


def test_attempts_are_limited_and_then_an_officer_must_help(client, newcomer, tenancy, settings):
    settings.TENANCY_VERIFICATION_ATTEMPTS_PER_DAY = 3
    client.force_login(newcomer.user)
    for _ in range(3):
        client.post(reverse("verify_tenancy"), {"reference": "TEN-000000", "postcode": "SE6 4RU"})

    # Even the right answer is refused once the tries are used up.
    response = client.post(reverse("verify_tenancy"), {"reference": "TEN-004512", "postcode": "SE6 4RU"})

    newcomer.refresh_from_db()
    assert newcomer.tenancy is None
    assert "tried too many times today" in response.content.decode()
    assert TenancyVerificationAttempt.objects.filter(user=newcomer.user).count() == 3


def test_verifying_takes_the_resident_on_to_contact_preferences(client, newcomer, tenancy):
    client.force_login(newcomer.user)

    response = client.post(reverse("verify_tenancy"), {"reference": "TEN-004512", "postcode": "SE6 4RU"})

    assert response.status_code == 302
    assert response.url == reverse("contact_preferences")


def test_a_verified_resident_is_sent_where_they_were_going(client, resident):
    client.force_login(resident.user)

    response = client.get(reverse("verify_tenancy") + "?next=/your-account/interests/")

    assert response.url == "/your-account/interests/"


def test_it_will_not_redirect_to_another_site(client, newcomer, tenancy):
    client.force_login(newcomer.user)

    response = client.post(
        reverse("verify_tenancy"),
        {"reference": "TEN-004512", "postcode": "SE6 4RU", "next": "https://evil.example.com/"},
    )

    assert response.url == reverse("contact_preferences")


def test_empty_fields_get_clear_errors(client, newcomer):
    client.force_login(newcomer.user)

    page = client.post(reverse("verify_tenancy"), {"reference": "", "postcode": ""}).content.decode()

    assert "Enter your tenancy reference" in page
    assert "Enter your postcode" in page
    assert not TenancyVerificationAttempt.objects.exists()


def test_an_officer_can_link_a_tenancy_by_hand_and_is_recorded_as_having_done_so(newcomer, tenancy, officer):
    tenancy_link_by_officer(newcomer, tenancy, officer=officer)

    newcomer.refresh_from_db()
    assert newcomer.has_verified_tenancy
    assert newcomer.tenancy_verified_by == officer


def test_linking_a_tenancy_in_admin_records_the_officer(client, officer, newcomer, tenancy):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[newcomer.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in ("access_needs", "interests")
    }
    data.update(
        {
            "tenancy": tenancy.pk,
            "preferred_language": "English",
            **{f"{prefix}-TOTAL_FORMS": 0 for prefix in ("consents", "consent_changes", "officer_notes")},
            **{f"{prefix}-INITIAL_FORMS": 0 for prefix in ("consents", "consent_changes", "officer_notes")},
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    newcomer.refresh_from_db()
    assert newcomer.tenancy == tenancy
    assert newcomer.tenancy_verified_by == officer
