"""The TRA seats on the Service and Performance Panel: for representatives of recognised TRAs."""

import pytest
from django.urls import reverse

from panels.eligibility import eligibility_for, who_can_join
from panels.models import Panel, Seat
from panels.tests.factories import EligibilityRuleFactory, PanelFactory
from tenants_associations.models import RecognitionStatus
from tenants_associations.tests.factories import MembershipFactory, TenantsAssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_with_tra_seats():
    panel = PanelFactory(tra_seats=2)
    EligibilityRuleFactory(panel=panel, rule="tra_representative", for_seat=Seat.TRA_REPRESENTATIVE)
    return Panel.objects.for_listing().get(pk=panel.pk)


def test_a_tra_representative_may_apply_for_a_tra_seat(panel_with_tra_seats, resident):
    MembershipFactory(tra=TenantsAssociationFactory(), resident=resident, is_representative=True)

    assert set(eligibility_for(resident, panel_with_tra_seats).seats) == {Seat.RESIDENT, Seat.TRA_REPRESENTATIVE}


def test_other_residents_may_apply_only_for_a_resident_seat(panel_with_tra_seats, resident):
    MembershipFactory(tra=TenantsAssociationFactory(), resident=resident)  # a member, not a representative

    assert eligibility_for(resident, panel_with_tra_seats).seats == (Seat.RESIDENT,)


def test_representatives_of_a_lapsed_tra_do_not_hold_a_tra_seat(panel_with_tra_seats, resident):
    lapsed = TenantsAssociationFactory(status=RecognitionStatus.LAPSED)
    MembershipFactory(tra=lapsed, resident=resident, is_representative=True)

    assert Seat.TRA_REPRESENTATIVE not in eligibility_for(resident, panel_with_tra_seats).seats


def test_the_panel_page_says_tra_seats_are_for_representatives(client, panel_with_tra_seats):
    seats = {seat.seat: seat.open_to for seat in who_can_join(panel_with_tra_seats)}

    assert seats[Seat.TRA_REPRESENTATIVE] == ["Tenants and Residents Association representatives"]
    page = client.get(reverse("panels:detail", args=[panel_with_tra_seats.slug])).content.decode()
    assert "Tenants and Residents Association representatives" in page


def test_a_resident_applying_for_a_tra_seat_they_cannot_hold_is_told_why(resident_client, panel_with_tra_seats):
    panel = panel_with_tra_seats
    panel.eligibility_rules.update(for_seat="")  # only TRA representatives at all

    page = resident_client.get(reverse("panels:apply", args=[panel.slug])).content.decode()

    assert "You are not marked as a representative of a recognised TRA" in page
    assert "ask its secretary to mark you as its representative" in page
