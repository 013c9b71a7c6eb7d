"""Every list page takes the same number of queries for 5 rows as for 50."""

import pytest
from django.urls import reverse

from engagement.tests.factories import EstateFactory
from panels.models import Panel
from panels.tests.factories import (
    ActionLogItemFactory,
    EligibilityRuleFactory,
    MembershipFactory,
    PanelApplicationFactory,
    PanelFactory,
    PanelMeetingFactory,
    TaskAndFinishPanelFactory,
    resident_living,
)

pytestmark = pytest.mark.django_db


def _panels(count: int) -> None:
    for _ in range(count):
        panel = TaskAndFinishPanelFactory()
        EligibilityRuleFactory(panel=panel, rule="tenure", tenure_types=["resident_leaseholder"])
        estates = EligibilityRuleFactory(panel=panel, rule="estates")
        estates.estates.set([EstateFactory(), EstateFactory()])


def _same_queries_for_5_and_50(get, add, django_assert_max_num_queries):
    add(5)
    with django_assert_max_num_queries(40) as few:
        assert get().status_code == 200
    add(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert get().status_code == 200


def test_the_panels_list_for_a_signed_in_resident(client, leaseholder, django_assert_max_num_queries):
    client.force_login(leaseholder.user)

    def add(count):
        _panels(count)
        MembershipFactory(panel=Panel.objects.last(), resident=leaseholder)

    _same_queries_for_5_and_50(lambda: client.get(reverse("panels:list")), add, django_assert_max_num_queries)


def test_the_panels_list_for_a_visitor(client, django_assert_max_num_queries):
    _same_queries_for_5_and_50(lambda: client.get(reverse("panels:list")), _panels, django_assert_max_num_queries)


def test_a_panel_page_that_suggests_other_panels(client, tenant, energy_panel, django_assert_max_num_queries):
    client.force_login(tenant.user)
    url = reverse("panels:detail", kwargs={"slug": energy_panel.slug})

    def add(count):
        for _ in range(count):
            EligibilityRuleFactory(panel=PanelFactory(), rule="any_resident")
            PanelMeetingFactory(panel=energy_panel)

    _same_queries_for_5_and_50(lambda: client.get(url), add, django_assert_max_num_queries)


def test_my_panels_and_applications(client, resident, django_assert_max_num_queries):
    client.force_login(resident.user)

    def add(count):
        for _ in range(count):
            application = PanelApplicationFactory(resident=resident)
            application.training.create(course="How panels work", given_on="2026-01-01")
            MembershipFactory(resident=resident)

    _same_queries_for_5_and_50(lambda: client.get(reverse("panels:yours")), add, django_assert_max_num_queries)


def test_the_public_action_log(client, django_assert_max_num_queries):
    panel = PanelFactory(publishes_records=True)
    meeting = PanelMeetingFactory(panel=panel)
    url = reverse("panels:action_log", kwargs={"slug": panel.slug})

    def add(count):
        ActionLogItemFactory.create_batch(count, panel=panel, meeting=meeting)

    _same_queries_for_5_and_50(lambda: client.get(url), add, django_assert_max_num_queries)


def _admin_rows(count):
    for _ in range(count):
        resident = resident_living()
        panel = PanelFactory()
        application = PanelApplicationFactory(panel=panel, resident=resident)
        MembershipFactory(panel=panel, resident=resident, application=application)
        meeting = PanelMeetingFactory(panel=panel)
        ActionLogItemFactory(panel=panel, meeting=meeting)


@pytest.mark.parametrize("model", ["panel", "panelapplication", "membership", "panelmeeting", "actionlogitem"])
def test_admin_lists(client, officer, model, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse(f"admin:panels_{model}_changelist")

    _same_queries_for_5_and_50(lambda: client.get(url), _admin_rows, django_assert_max_num_queries)
