"""The Tenant Satisfaction Measures in a browser: tenants read the results on a phone; an officer sets up
the year's survey and enters a management information figure through the real admin."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.models import TenureType
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, HomeFactory, TenancyFactory
from surveys.models import ManagementInformation, TsmSurvey
from surveys.tests.tsm_helpers import tsm_answer, tsm_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_tenants_read_this_years_measures_with_their_margins_on_a_phone(live_server, resident_phone, axe):
    estate = EstateFactory(name="Honor Oak")
    homes = [TenancyFactory(home=HomeFactory(block__estate=estate)) for _ in range(8)]
    owners = TenancyFactory.create_batch(5, tenure_type=TenureType.SHARED_OWNER)
    for year in (2025, 2026):
        tsm = tsm_survey(year=year)
        for number, tenancy in enumerate(homes + owners):
            satisfied = "Very satisfied" if number % 3 else "Fairly dissatisfied"
            tsm_answer(tsm, tenancy, {"TP01": satisfied, "filter:repairs": "No", "TP05": "Not applicable / don't know"})
        TsmSurvey.objects.filter(pk=tsm.pk).update(published_at=timezone.now())
    ManagementInformation.objects.create(year=2026, code="BS01", numerator=997, denominator=1000)
    page = resident_phone

    page.goto(live_server.url + "/sounding-board/")
    page.get_by_role("link", name="Tenant Satisfaction Measures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tenant Satisfaction Measures")
    axe(page)
    measures = page.get_by_role("table", name="Tenant perception measures, 2026/27")
    overall = measures.get_by_role("row").filter(has_text="TP01 Overall satisfaction")
    expect(overall).to_contain_text("62.5%")
    expect(overall).to_contain_text("8 answered")
    expect(overall).to_contain_text("±")
    expect(page.get_by_role("table", name="Management information, 2026/27")).to_contain_text("99.7%")
    expect(page.get_by_role("table", name="Low-cost rental tenants satisfied, by year")).to_contain_text("2025/26")
    # By estate for renting tenants (8 households on one estate); shared owners are spread over five estates
    # of one household each, too few to show by place.
    expect(page.get_by_role("heading", name="By estate: Low-cost rental accommodation (LCRA)")).to_be_visible()
    expect(page.get_by_role("heading", name="By estate: Low-cost home ownership (LCHO)")).to_have_count(0)
    page.locator("summary", has_text="Honor Oak").first.click()
    expect(page.get_by_text("62.5% of 8").first).to_be_visible()
    approach = page.get_by_role("heading", name="How we carried out the survey")
    expect(approach).to_be_visible()
    expect(page.get_by_text("No weighting was applied.")).to_be_visible()
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_an_officer_sets_up_the_survey_and_enters_a_figure_in_admin(live_server, page, axe, officer):
    TenancyFactory.create_batch(3)
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/surveys/tsmsurvey/add/")
    axe(page)
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Landlord name").fill("Lewisham Council")
    page.get_by_label("Opens").fill("2026-09-01 09:00")
    page.get_by_label("Closes").fill("2026-10-13 17:00")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    axe(page)
    expect(page.get_by_text("3 homes, ±5.0 points at 95% confidence needs 3 responses")).to_be_visible()
    assert TsmSurvey.objects.get().survey.questions.count() == 15

    page.goto(live_server.url + "/admin/surveys/managementinformation/add/")
    axe(page)
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Measure").select_option(label="BS01 Gas safety checks")
    page.get_by_label("Count").fill("1000")
    page.get_by_label("Out of").fill("990")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The count cannot be more than the number it is out of.")).to_be_visible()
    axe(page)
    page.get_by_label("Out of").fill("1000")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert ManagementInformation.objects.get().value == 100
