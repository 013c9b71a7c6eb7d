"""Where each social value commitment stands, from what was delivered and its date."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagement.partnerships.models import DUE_SOON_DAYS, Commitment, CommitmentStatus
from engagement.partnerships.services import commitment_status, delivery_record
from engagement.partnerships.tests.factories import CommitmentFactory, DeliveryFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def _due_in(days: int, **kwargs):
    return CommitmentFactory(due_on=TODAY + timedelta(days=days), **kwargs)


def test_a_commitment_is_on_track_due_soon_overdue_or_met():
    on_track = _due_in(DUE_SOON_DAYS + 1)
    due_soon = _due_in(DUE_SOON_DAYS)
    overdue = _due_in(-1)
    met_late = _due_in(-30)
    DeliveryFactory(commitment=met_late, quantity=Decimal("3"))
    DeliveryFactory(commitment=met_late, quantity=Decimal("1"))
    DeliveryFactory(commitment=overdue, quantity=Decimal("3"))

    assert [commitment_status(c, TODAY) for c in (on_track, due_soon, overdue, met_late)] == [
        CommitmentStatus.ON_TRACK,
        CommitmentStatus.DUE_SOON,
        CommitmentStatus.OVERDUE,
        CommitmentStatus.MET,
    ]
    assert list(Commitment.objects.outstanding(TODAY)) == [overdue, due_soon]


def test_what_was_delivered_is_added_up_in_quantity_and_pounds():
    commitment = _due_in(10)
    DeliveryFactory(commitment=commitment, quantity=Decimal("1"), value=Decimal("22500"))
    DeliveryFactory(commitment=commitment, quantity=Decimal("2"), value=Decimal("45000.50"))

    counted = Commitment.objects.with_progress(TODAY).get()

    assert (counted.delivered_quantity, counted.delivered_value) == (Decimal("3"), Decimal("67500.50"))
    assert counted.status == CommitmentStatus.DUE_SOON


def test_a_delivery_is_recorded_with_its_evidence_and_who_recorded_it(community_relations):
    commitment = _due_in(10)

    delivery = delivery_record(
        commitment=commitment,
        delivered_on=timezone.localdate(),
        quantity=Decimal("4"),
        value=Decimal("90000"),
        evidence="  Four apprentices' contracts.  ",
        officer=community_relations,
    )

    assert (delivery.evidence, delivery.recorded_by) == ("Four apprentices' contracts.", community_relations)
    assert commitment_status(commitment) == CommitmentStatus.MET


def test_a_delivery_in_the_future_or_without_evidence_is_refused_at_its_field():
    commitment = _due_in(10)
    with pytest.raises(ValidationError) as refused:
        delivery_record(
            commitment=commitment,
            delivered_on=timezone.localdate() + timedelta(days=1),
            quantity=Decimal("1"),
            value=Decimal("1"),
            evidence=" ",
        )
    assert set(refused.value.message_dict) == {"delivered_on", "evidence"}
    assert not commitment.deliveries.exists()


def test_funding_counts_only_towards_the_same_partners_commitment():
    from engagement.partnerships.tests.factories import PartnerFactory, PartnerFundingFactory

    funding = PartnerFundingFactory.build(
        partner=PartnerFactory(), project=PartnerFundingFactory().project, commitment=CommitmentFactory()
    )
    with pytest.raises(ValidationError) as refused:
        funding.full_clean()
    assert refused.value.message_dict == {"commitment": ["Choose one of this partner's own commitments"]}
