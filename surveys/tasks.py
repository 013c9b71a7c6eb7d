"""Thin tasks: they take ids and call the services, which are safe to run twice."""

from celery import shared_task

from engagement.models import User
from surveys.models import Survey
from surveys.services.invitations import survey_invite, survey_remind, surveys_remind_due


@shared_task
def send_survey_invitations(survey_id: int, sent_by_id: int | None = None) -> int:
    survey = Survey.objects.get(pk=survey_id)
    sent_by = User.objects.filter(pk=sent_by_id).first() if sent_by_id else None
    return survey_invite(survey=survey, sent_by=sent_by).invited


@shared_task
def send_survey_reminders(survey_id: int) -> int:
    return survey_remind(survey=Survey.objects.get(pk=survey_id))


@shared_task
def send_due_survey_reminders() -> int:
    return surveys_remind_due()
