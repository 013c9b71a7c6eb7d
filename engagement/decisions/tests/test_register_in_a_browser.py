"""The register and a decision's page on a phone, with and without JavaScript, checked with axe."""

import pytest
from django.utils import timezone

from engagement.decisions.models import DecisionSource, DecisionStatusChange, Status
from engagement.decisions.tests.factories import DecisionFactory
from engagement.tests.factories import EstateFactory
from surveys.tests.factories import SurveyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_filters_the_register_and_reads_a_decision_on_a_phone(live_server, resident_phone, axe):
    estate = EstateFactory(name="Pepys")
    decision = DecisionFactory(title="Lifts serviced monthly", status=Status.IN_PROGRESS, published_at=timezone.now())
    decision.estates.add(estate)
    DecisionSource.objects.create(decision=decision, survey=SurveyFactory(title="Lifts survey"))
    DecisionStatusChange.objects.create(decision=decision, status=Status.AGREED, note="Contract signed.")
    DecisionFactory(title="Rent letters in plain English", published_at=timezone.now())
    page = resident_phone

    page.goto(live_server.url + "/you-said-we-did/")
    axe(page)
    page.get_by_label("Estate").select_option(label="Pepys")
    page.get_by_role("button", name="Show decisions").click()
    assert page.get_by_role("link", name="Rent letters in plain English").count() == 0
    page.get_by_role("link", name="Lifts serviced monthly").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Lifts serviced monthly"
    assert page.get_by_text("Contract signed.").count() == 1
    assert page.get_by_role("link", name="Lifts survey").count() == 1
    axe(page)
