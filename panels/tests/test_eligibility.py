"""Who may join: each rule, what a resident who cannot join is told, and what they are offered instead."""

import pytest
from django.urls import reverse

from engagement.tests.factories import EstateFactory, ResidentFactory
from panels.eligibility import eligibility_for, panels_open_to, who_can_join
from panels.models import Panel, Seat
from panels.tests.factories import (
    EligibilityRuleFactory,
    MembershipFactory,
    PanelApplicationFactory,
    PanelFactory,
    resident_living,
)

pytestmark = pytest.mark.django_db


def _panel_with(rule: str, **rule_fields) -> Panel:
    panel = PanelFactory()
    rule_row = EligibilityRuleFactory(
        panel=panel, rule=rule, **{k: v for k, v in rule_fields.items() if k != "estates"}
    )
    if "estates" in rule_fields:
        rule_row.estates.set(rule_fields["estates"])
    return Panel.objects.for_listing().get(pk=panel.pk)


def test_any_resident_may_join_a_panel_open_to_all(tenant, leaseholder):
    panel = _panel_with("any_resident")

    assert eligibility_for(tenant, panel).eligible
    assert eligibility_for(leaseholder, panel).eligible
    assert who_can_join(panel)[0].open_to == ["any council housing resident"]


def test_a_panel_with_no_rules_is_open_to_any_resident(tenant):
    panel = PanelFactory()

    assert eligibility_for(tenant, panel).eligible


def test_a_leaseholders_panel_refuses_a_tenant_and_says_why(tenant, leaseholder):
    panel = _panel_with("tenure", tenure_types=["resident_leaseholder"])

    refused = eligibility_for(tenant, panel)

    assert eligibility_for(leaseholder, panel).eligible
    assert not refused.eligible
    assert refused.reasons[0].why_not == (
        "This is for resident leaseholders. Our records show you are a council tenant."
    )
    assert "If our record of your tenancy is wrong" in refused.reasons[0].instead


def test_the_building_safety_panel_is_only_for_residents_of_higher_risk_buildings(building_safety_panel):
    tower = resident_living(higher_risk=True)
    low_rise = resident_living(higher_risk=False)
    panel = Panel.objects.for_listing().get(pk=building_safety_panel.pk)

    refused = eligibility_for(low_rise, panel)

    assert eligibility_for(tower, panel).eligible
    assert not refused.eligible
    assert "Building Safety Act 2022" in refused.reasons[0].why_not
    assert f"{low_rise.home.block.name}, where you live, is not one of these." in refused.reasons[0].why_not
    assert "safety in your building" in refused.reasons[0].instead


def test_the_independent_living_forum_is_only_for_residents_of_independent_living_schemes():
    panel = _panel_with("independent_living")
    scheme_resident = resident_living(independent_living=True)
    other = resident_living()

    assert eligibility_for(scheme_resident, panel).eligible
    refused = eligibility_for(other, panel)
    assert not refused.eligible
    assert "is not an independent living scheme" in refused.reasons[0].why_not


def test_an_estates_rule_admits_only_residents_of_those_estates():
    evelyn, crossfields = EstateFactory(name="Evelyn Gardens"), EstateFactory(name="Crossfields")
    panel = _panel_with("estates", estates=[evelyn])
    on_evelyn = resident_living(estate=evelyn)
    on_crossfields = resident_living(estate=crossfields)

    assert eligibility_for(on_evelyn, panel).eligible
    refused = eligibility_for(on_crossfields, panel)
    assert refused.reasons[0].why_not == "This is for residents of Evelyn Gardens. You live on Crossfields."


def test_every_rule_must_be_met(leaseholder):
    panel = PanelFactory()
    EligibilityRuleFactory(panel=panel, rule="tenure", tenure_types=["resident_leaseholder"])
    EligibilityRuleFactory(panel=panel, rule="higher_risk_building")
    tower_leaseholder = resident_living(tenure="resident_leaseholder", higher_risk=True)

    assert eligibility_for(tower_leaseholder, panel).eligible
    refused = eligibility_for(leaseholder, panel)
    assert not refused.eligible
    assert len(refused.reasons) == 1
    assert len(who_can_join(panel)[0].open_to) == 2


def test_a_rule_this_version_does_not_know_refuses_and_says_who_will_check(tenant):
    panel = _panel_with("is_a_tra_representative")

    refused = eligibility_for(tenant, panel)

    assert not refused.eligible
    assert "We cannot check online" in refused.reasons[0].why_not
    assert "we will check for you" in refused.reasons[0].instead


def test_a_rule_for_tra_seats_only_leaves_resident_seats_open(tenant):
    panel = PanelFactory(tra_seats=2)
    # Any rule can be limited to one kind of seat; "TRA representative" is the rule meant for these.
    EligibilityRuleFactory(
        panel=panel, rule="tenure", tenure_types=["resident_leaseholder"], for_seat=Seat.TRA_REPRESENTATIVE
    )

    result = eligibility_for(tenant, panel)

    assert result.seats == (Seat.RESIDENT,)
    assert [seat.seat_label for seat in who_can_join(panel)] == ["Resident seat", "TRA representative seat"]


def test_tra_seats_are_described_as_for_tra_representatives():
    panel = PanelFactory(tra_seats=2)

    assert [seat.open_to for seat in who_can_join(panel)] == [
        ["any council housing resident"],
        ["Tenants and Residents Association representatives"],
    ]


def test_other_panels_offered_are_ones_the_resident_can_actually_join(tenant, energy_panel, damp_panel):
    closed = PanelFactory(status=Panel.Status.ACTIVE)
    sat_on = PanelFactory()
    applied = PanelFactory()
    MembershipFactory(panel=sat_on, resident=tenant)
    PanelApplicationFactory(panel=applied, resident=tenant)

    offered = panels_open_to(tenant, excluding=energy_panel)

    assert damp_panel in offered
    assert energy_panel not in offered
    assert closed not in offered and sat_on not in offered and applied not in offered


def test_a_tenant_is_told_on_the_panel_page_why_they_cannot_apply_and_what_they_can_join(
    client, tenant, energy_panel, damp_panel
):
    client.force_login(tenant.user)

    page = client.get(reverse("panels:detail", kwargs={"slug": energy_panel.slug})).content.decode()

    assert "You cannot apply to the Energy efficiency panel" in page
    assert "This is for resident leaseholders. Our records show you are a council tenant." in page
    assert "What you can do instead" in page
    assert damp_panel.name in page
    assert reverse("panels:apply", kwargs={"slug": energy_panel.slug}) not in page


def test_going_straight_to_the_application_form_explains_rather_than_forbids(client, tenant, energy_panel, damp_panel):
    client.force_login(tenant.user)

    response = client.get(reverse("panels:apply", kwargs={"slug": energy_panel.slug}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "You cannot apply to the Energy efficiency panel" in page
    assert "Our records show you are a council tenant" in page
    assert damp_panel.name in page
    assert "Send application" not in page


def test_the_building_safety_teams_contact_is_given_to_residents_who_cannot_join(client, building_safety_panel):
    low_rise = resident_living(higher_risk=False)
    client.force_login(low_rise.user)

    page = client.get(reverse("panels:apply", kwargs={"slug": building_safety_panel.slug})).content.decode()

    assert "Contact the building safety team" in page
    assert 'href="mailto:BuildingSafety@lewisham.gov.uk"' in page


def test_a_panel_with_no_contact_of_its_own_points_to_community_relations(client, tenant, energy_panel, settings):
    client.force_login(tenant.user)

    page = client.get(reverse("panels:apply", kwargs={"slug": energy_panel.slug})).content.decode()

    assert f"mailto:{settings.COMMUNITY_RELATIONS_EMAIL}" in page


def test_a_panel_not_recruiting_says_so_and_offers_a_way_to_register_interest(client, resident):
    panel = PanelFactory(status=Panel.Status.ACTIVE)
    client.force_login(resident.user)

    response = client.get(reverse("panels:apply", kwargs={"slug": panel.slug}))

    assert response.status_code == 200
    assert "is not looking for new members at the moment" in response.content.decode()
    assert reverse("get_involved") in response.content.decode()


def test_a_resident_who_has_not_confirmed_their_tenancy_is_asked_to_first(client, damp_panel):
    unconfirmed = ResidentFactory(tenancy=None, tenancy_verified_at=None)
    client.force_login(unconfirmed.user)
    apply_url = reverse("panels:apply", kwargs={"slug": damp_panel.slug})

    page = client.get(reverse("panels:detail", kwargs={"slug": damp_panel.slug})).content.decode()
    response = client.get(apply_url)

    assert "Confirm your tenancy</a> to apply" in page
    assert response.status_code == 302
    assert response.url.startswith(reverse("verify_tenancy"))


def test_visitors_see_who_can_join_and_are_asked_to_sign_in_to_apply(client, energy_panel):
    page = client.get(reverse("panels:detail", kwargs={"slug": energy_panel.slug})).content.decode()

    assert "Open to resident leaseholders" in page
    assert "sign in</a> or" in page


def test_staff_are_told_applications_are_for_residents(client, officer, damp_panel):
    client.force_login(officer)

    page = client.get(reverse("panels:detail", kwargs={"slug": damp_panel.slug})).content.decode()
    response = client.get(reverse("panels:apply", kwargs={"slug": damp_panel.slug}))

    assert "signed in with a staff account" in page
    assert response.status_code == 403
    assert "This page is for residents" in response.content.decode()
