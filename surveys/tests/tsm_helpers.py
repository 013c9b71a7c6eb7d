"""Setting up a TSM survey and answering it as households would, through the survey's own services."""

from datetime import timedelta

from django.utils import timezone

from engagement.tests.factories import ResidentFactory
from surveys.models import Invitation, TsmQuestion
from surveys.services.answering import new_token, response_for_token, response_save_page, response_submit
from surveys.services.tsm.setup import tsm_survey_create


def tsm_survey(year=2026, **fields):
    now = timezone.now()
    return tsm_survey_create(
        year=year,
        landlord_name="Lewisham Council",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        **fields,
    )


def tsm_answer(tsm, tenancy, answers: dict[str, str], *, channel="email", **resident_fields):
    """A resident of the tenancy answers: {"TP01": "Very satisfied", "filter:repairs": "No", …}."""
    resident = ResidentFactory(tenancy=tenancy, **resident_fields)
    invitation = Invitation.objects.create(
        survey=tsm.survey,
        resident=resident,
        token=new_token(),
        channel=channel,
        tenure_type=tenancy.tenure_type,
        estate_id=tenancy.home.block.estate_id,
    )
    response = response_for_token(invitation.token)
    saved = {}
    for code, label in answers.items():
        question = TsmQuestion.objects.get(tsm_survey=tsm, code=code).question
        saved[question.pk] = {"choice": question.choices.get(label=label).pk}
    response_save_page(response=response, answers=saved)
    return response_submit(response=response)
