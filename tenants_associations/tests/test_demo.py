import pytest
from django.core.management import call_command

from engagement.demo import ESTATES
from engagement.models import Estate
from tenants_associations.demo import NO_TRA_ESTATE
from tenants_associations.directory import directory_estates
from tenants_associations.models import (
    CommitteeRole,
    Membership,
    StartingInterest,
    TenantsAssociation,
    TRADocument,
    TRAMeeting,
)
from tenants_associations.rules import committee_roles

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (TenantsAssociation, CommitteeRole, Membership, StartingInterest, TRAMeeting, TRADocument)
    )


def test_demo_tras_cover_most_estates_and_loading_again_changes_nothing(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    first = _counts()
    printed = capsys.readouterr().out
    call_command("load_demo")

    assert _counts() == first
    assert "TRA secretaries sign in" in printed
    covered = Estate.objects.filter(tenants_associations__isnull=False).distinct().count()
    assert covered == len(ESTATES) - 1
    assert not directory_estates(estate=Estate.objects.get(name=NO_TRA_ESTATE))[0].has_tra
    assert StartingInterest.objects.filter(estate__name=NO_TRA_ESTATE).count() >= 2
    assert TenantsAssociation.objects.filter(blocks__isnull=False).exists()
    assert Membership.objects.filter(status="requested").exists()
    for tra in TenantsAssociation.objects.filter(estates__isnull=False):
        secretary = CommitteeRole.objects.get(tra=tra, role="secretary").resident
        assert committee_roles(secretary, tra)
        assert secretary.home.block.estate in tra.estates.all()
