from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.services.involvement import involvements
from engagement.tests.involvement import involved
from tenants_associations.models import Membership
from tenants_associations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_tras_are_registered_as_a_way_to_take_part():
    assert "tra" in [involvement.code for involvement in involvements()]


def test_members_and_those_who_left_since_then_count_but_not_requests():
    since = timezone.now() - timedelta(days=30)
    current = MembershipFactory().resident
    accepted = since - timedelta(days=99)
    left_lately = MembershipFactory(
        status=Membership.Status.LEFT, decided_at=accepted, left_at=since + timedelta(days=1)
    ).resident
    MembershipFactory(status=Membership.Status.LEFT, decided_at=accepted, left_at=since - timedelta(days=1))
    MembershipFactory(status=Membership.Status.REQUESTED)
    MembershipFactory(status=Membership.Status.DECLINED)

    assert involved(since, "tra") == {
        current.pk,
        left_lately.pk,
    }
