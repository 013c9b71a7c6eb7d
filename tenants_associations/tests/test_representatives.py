"""TRA representatives, as panels' eligibility rule for TRA seats sees them."""

import pytest

from tenants_associations.models import Membership, RecognitionStatus
from tenants_associations.services import is_tra_representative, tra_representative_of, tra_representatives
from tenants_associations.services.membership import (
    MembershipRefused,
    membership_leave,
    membership_representative_set,
)
from tenants_associations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_member_marked_as_representative_of_a_recognised_tra_represents_it(resident, tra):
    membership_representative_set(membership=MembershipFactory(tra=tra, resident=resident), is_representative=True)

    assert tra_representative_of(resident) == tra
    assert is_tra_representative(resident)
    assert list(tra_representatives()) == [resident]


def test_ordinary_members_and_other_residents_do_not(resident, other_resident, tra):
    MembershipFactory(tra=tra, resident=resident)

    for person in (resident, other_resident):
        assert tra_representative_of(person) is None
        assert not is_tra_representative(person)
    assert not tra_representatives().exists()


@pytest.mark.parametrize("status", [RecognitionStatus.IN_FORMATION, RecognitionStatus.LAPSED])
def test_tras_that_are_not_recognised_have_no_representatives(resident, tra, status):
    MembershipFactory(tra=tra, resident=resident, is_representative=True)
    tra.status = status
    tra.save()

    assert tra_representative_of(resident) is None
    assert not is_tra_representative(resident)


def test_leaving_the_tra_ends_representing_it(resident, tra):
    membership = MembershipFactory(tra=tra, resident=resident, is_representative=True)

    membership_leave(membership=membership)

    assert not is_tra_representative(resident)


def test_only_members_can_be_marked(resident, tra):
    request = MembershipFactory(tra=tra, resident=resident, status=Membership.Status.REQUESTED)

    with pytest.raises(MembershipRefused):
        membership_representative_set(membership=request, is_representative=True)
