"""A stratified random sample: big enough for the margin, shared fairly between estates, and the only
households invited."""

from decimal import Decimal

import pytest

from engagement.models import Channel, TenureType
from engagement.tests.factories import EstateFactory, HomeFactory, TenancyFactory
from surveys.models import Invitation, TsmSampleMember, TsmSurvey
from surveys.services.invitations import survey_invite
from surveys.services.tsm.sampling import tsm_sample_draw, tsm_sample_plan
from surveys.tests.factories import opted_in_resident
from surveys.tests.tsm_helpers import tsm_survey

pytestmark = pytest.mark.django_db


def _homes(estate, count, tenure=TenureType.COUNCIL_TENANT):
    return [TenancyFactory(tenure_type=tenure, home=HomeFactory(block__estate=estate)) for _ in range(count)]


def test_the_plan_shows_the_responses_needed_and_how_many_to_invite():
    tsm = tsm_survey(method=TsmSurvey.Method.STRATIFIED_SAMPLE, expected_response_rate=25)
    tsm.lcra_homes, tsm.lcra_margin = 7271, Decimal("4")
    lcra = next(plan for plan in tsm_sample_plan(tsm) if plan.group == "lcra")
    assert lcra.size.required == 555
    assert lcra.to_invite == 2220


def test_a_census_invites_every_home():
    _homes(EstateFactory(), 3)
    tsm = tsm_survey()
    assert [plan.to_invite for plan in tsm_sample_plan(tsm)] == [3, 0]


def test_the_sample_is_shared_between_estates_in_proportion_and_drawn_at_random():
    big, small = EstateFactory(name="Big estate"), EstateFactory(name="Small estate")
    _homes(big, 30)
    _homes(small, 10)
    _homes(small, 4, TenureType.SHARED_OWNER)
    tsm = tsm_survey(method=TsmSurvey.Method.STRATIFIED_SAMPLE, expected_response_rate=100)
    TsmSurvey.objects.filter(pk=tsm.pk).update(lcra_margin=20, lcho_margin=50)
    tsm.refresh_from_db()
    needed = {plan.group: plan.to_invite for plan in tsm_sample_plan(tsm)}
    drawn = tsm_sample_draw(tsm=tsm, seed=7)
    assert drawn == needed
    # ±20 points from 40 homes needs 16 responses: 12 from the estate with 30 homes, 4 from the one with 10.
    assert needed["lcra"] == 16
    members = TsmSampleMember.objects.filter(tsm_survey=tsm, stock_group="lcra")
    assert (members.filter(estate=big).count(), members.filter(estate=small).count()) == (12, 4)
    assert TsmSampleMember.objects.filter(tsm_survey=tsm, stock_group="lcho").count() == needed["lcho"]


def test_only_households_drawn_are_invited():
    estate = EstateFactory()
    tenancies = _homes(estate, 10)
    residents = [opted_in_resident(tenancy=tenancy, channels=(Channel.EMAIL,)) for tenancy in tenancies]
    tsm = tsm_survey(method=TsmSurvey.Method.STRATIFIED_SAMPLE, expected_response_rate=100)
    TsmSurvey.objects.filter(pk=tsm.pk).update(lcra_margin=30)
    tsm.refresh_from_db()
    tsm_sample_draw(tsm=tsm, seed=1)
    drawn = set(TsmSampleMember.objects.filter(tsm_survey=tsm).values_list("tenancy", flat=True))
    assert 0 < len(drawn) < 10
    survey_invite(survey=tsm.survey)
    invited = set(Invitation.objects.filter(survey=tsm.survey).values_list("resident__tenancy", flat=True))
    assert invited == drawn
    assert len(residents) == 10


def test_the_sample_cannot_be_drawn_again_once_invitations_have_gone():
    tenancy = _homes(EstateFactory(), 1)[0]
    opted_in_resident(tenancy=tenancy)
    tsm = tsm_survey(method=TsmSurvey.Method.STRATIFIED_SAMPLE)
    tsm_sample_draw(tsm=tsm, seed=1)
    survey_invite(survey=tsm.survey)
    with pytest.raises(ValueError, match="cannot be drawn again"):
        tsm_sample_draw(tsm=tsm, seed=2)
