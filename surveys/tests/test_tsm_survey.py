"""A TSM survey is an ordinary survey built from the regulator's wording: filters, one answer per household."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import TenureType
from engagement.tests.factories import ResidentFactory, TenancyFactory
from surveys.models import Invitation, Response, TsmQuestion
from surveys.services.answering import (
    SurveyStructure,
    new_token,
    response_for_token,
    response_save_page,
    response_submit,
)
from surveys.services.tsm.setup import tsm_survey_create
from surveys.tsm.wording import PERCEPTION_BY_CODE, with_landlord

pytestmark = pytest.mark.django_db


@pytest.fixture
def tsm():
    TenancyFactory.create_batch(3, tenure_type=TenureType.COUNCIL_TENANT)
    TenancyFactory(tenure_type=TenureType.SHARED_OWNER)
    TenancyFactory(tenure_type=TenureType.RESIDENT_LEASEHOLDER)
    now = timezone.now()
    return tsm_survey_create(
        year=2026,
        landlord_name="Lewisham Council",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )


def _question(tsm, code):
    return TsmQuestion.objects.get(tsm_survey=tsm, code=code).question


def _titles(structure, answers):
    return [page.questions[0].tsm.code for page in structure.path(answers)]


def test_the_survey_asks_every_measure_in_the_published_words_with_the_landlord_named(tsm):
    for code, measure in PERCEPTION_BY_CODE.items():
        question = _question(tsm, code)
        assert question.text == with_landlord(measure.question, "Lewisham Council")
        assert [choice.label for choice in question.choices.all()] == list(measure.all_options)


def test_the_introduction_says_how_long_it_takes_and_what_it_is_for(tsm):
    assert "takes about 10 minutes" in tsm.survey.introduction
    assert "Tenant Satisfaction Measures" in tsm.survey.introduction


def test_the_stock_is_counted_by_lcra_and_lcho_leaving_leaseholders_out(tsm):
    assert (tsm.lcra_homes, tsm.lcho_homes) == (3, 1)
    assert tsm.survey.audience["tenure_types"] == sorted(
        [TenureType.COUNCIL_TENANT, TenureType.SHELTERED_TENANT, TenureType.TEMPORARY_ACCOMMODATION, "shared_owner"]
    )


def test_tp02_and_tp03_are_asked_only_of_those_who_had_a_repair(tsm):
    structure = SurveyStructure(tsm.survey)
    repairs = _question(tsm, "filter:repairs")
    yes, no = (repairs.choices.get(label=label).pk for label in ("Yes", "No"))
    asked = _titles(structure, {str(repairs.pk): {"choice": yes}})
    assert "TP02" in asked and "TP03" in asked
    skipped = _titles(structure, {str(repairs.pk): {"choice": no}})
    assert "TP02" not in skipped and "TP03" not in skipped and "TP04" in skipped


def test_tp09_is_asked_only_of_those_who_complained_and_tp10_only_where_there_are_communal_areas(tsm):
    structure = SurveyStructure(tsm.survey)
    complaints, communal = _question(tsm, "filter:complaints"), _question(tsm, "filter:communal")
    no = {str(question.pk): {"choice": question.choices.get(label="No").pk} for question in (complaints, communal)}
    path = _titles(structure, no)
    assert "TP09" not in path and "TP10" not in path and path[-1] == "TP12"
    yes = {str(q.pk): {"choice": q.choices.get(label="Yes").pk} for q in (complaints, communal)}
    path = _titles(structure, yes)
    assert "TP09" in path and "TP10" in path


def test_two_people_in_one_household_give_one_response_between_them(tsm):
    tenancy = TenancyFactory(tenure_type=TenureType.COUNCIL_TENANT)
    first, second = ResidentFactory(tenancy=tenancy), ResidentFactory(tenancy=tenancy)
    question = _question(tsm, "TP01")
    for resident, label in ((first, "Very satisfied"), (second, "Very dissatisfied")):
        invitation = Invitation.objects.create(survey=tsm.survey, resident=resident, token=new_token(), channel="email")
        response = response_for_token(invitation.token)
        response_save_page(response=response, answers={question.pk: {"choice": question.choices.get(label=label).pk}})
        response_submit(response=response)
    sent = Response.objects.filter(survey=tsm.survey, submitted_at__isnull=False)
    assert sent.count() == 1
    assert sent.get().resident == second


def test_a_paper_answer_entered_by_an_officer_is_the_households_one_answer_too(tsm, officer):
    from surveys.services.answering import response_enter_for_resident

    tenancy = TenancyFactory(tenure_type=TenureType.COUNCIL_TENANT)
    online, on_paper = ResidentFactory(tenancy=tenancy), ResidentFactory(tenancy=tenancy)
    question = _question(tsm, "TP01")
    invitation = Invitation.objects.create(survey=tsm.survey, resident=online, token=new_token(), channel="email")
    response = response_for_token(invitation.token)
    response_save_page(response=response, answers={question.pk: {"choice": question.choices.first().pk}})
    response_submit(response=response)
    entered = response_enter_for_resident(survey=tsm.survey, resident=on_paper, channel="door", officer=officer)
    response_save_page(response=entered, answers={question.pk: {"choice": question.choices.last().pk}})
    response_submit(response=entered)
    sent = Response.objects.filter(survey=tsm.survey, submitted_at__isnull=False)
    assert list(sent.values_list("channel", flat=True)) == ["door"]
