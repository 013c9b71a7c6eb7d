import pytest

from engagement import demo as core_demo
from engagement.partnerships import demo
from engagement.partnerships.models import (
    Commitment,
    CommitmentStatus,
    Delivery,
    FundedProject,
    Partner,
    PartnerContact,
    PartnerFunding,
    ResidentGroup,
)
from tenants_associations import demo as tra_demo

pytestmark = pytest.mark.django_db

MODELS = (Partner, PartnerContact, Commitment, Delivery, FundedProject, PartnerFunding, ResidentGroup)


def _counts():
    return tuple(model.objects.count() for model in MODELS)


def test_the_demo_has_commitments_in_every_state_and_loading_it_again_changes_nothing(client):
    core_demo.load()
    tra_demo.load()
    demo.load()
    first = _counts()
    demo.load()

    assert _counts() == first
    statuses = set(Commitment.objects.with_progress().values_list("status", flat=True))
    assert statuses == set(CommitmentStatus.values)
    assert ResidentGroup.objects.filter(tenants_association__isnull=False).exists()
    page = client.get("/partnerships/").content.decode()
    assert "Street Games on estates" in page and "Free tutoring for residents" in page
    assert "Southside Windows" not in page  # its contract has ended
