import pytest
from django.core.management import call_command

from engagement.models import Consent, ConsentChange, Resident, Tenancy, User

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Tenancy.objects.count(),
        Resident.objects.count(),
        User.objects.count(),
        Consent.objects.count(),
        ConsentChange.objects.count(),
    )


def test_demo_data_loads_and_loading_it_again_changes_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    printed = capsys.readouterr().out
    call_command("load_demo")

    assert _counts() == first
    tenancies, residents, *_ = first
    assert tenancies >= 500 and residents >= 100
    assert "officer@example.gov.uk" in printed and "password" in printed


def test_demo_data_has_the_places_the_framework_needs():
    call_command("load_demo")

    from engagement.models import Block

    assert Block.objects.filter(is_higher_risk=True).exists()
    assert Block.objects.filter(is_independent_living=True).exists()
    assert Consent.objects.filter(purpose="engagement", given=True).exists()
    assert Resident.objects.filter(consents__purpose="engagement").distinct().count() < Resident.objects.count()
