"""Survey invitations and reminders, sent through the messaging outbox.

Each invited resident gets an Invitation with their own link (an unguessable token). A
letter also carries a short code to type in instead: messaging gives every letter with a
personal `link` one when it is sent (engagement/messaging/services/letters.py). Invitations
are written in bulk; each message is recorded with `message_queue` in the same transaction,
keyed on the invitation, so running a send twice sends nothing twice.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from engagement.dates import time_on_date_text
from engagement.links import site_url
from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend
from engagement.messaging.services import message_queue
from engagement.models import Purpose
from surveys.models import Invitation, Survey
from surveys.services.answering import new_token

BATCH_SIZE = 500


def survey_audience(survey: Survey) -> Audience:
    # Survey invitations are engagement messages: only to residents who opted in.
    return Audience.from_json({**survey.audience, "purpose": Purpose.ENGAGEMENT})


def survey_link(token: str) -> str:
    return site_url("surveys:answer", token)


def invitation_personalisation(invitation: Invitation, survey: Survey) -> dict:
    return {
        "survey_title": survey.title,
        "link": survey_link(invitation.token),
        "opens": time_on_date_text(survey.opens_at),
        "closes": time_on_date_text(survey.closes_at),
        "not_open_yet": survey.state() == Survey.State.NOT_OPEN,
        "is_anonymous": survey.is_anonymous,
    }


@dataclass
class InvitationRun:
    invited: int = 0
    unreachable: int = 0


def survey_invite(*, survey: Survey, sent_by=None) -> InvitationRun:
    """Invite everyone in the survey's audience not yet invited, each by the channel they allow."""
    if survey.state() == Survey.State.CLOSED:
        raise ValueError("The survey has closed.")
    audience = survey_audience(survey)
    residents = (
        audience.with_channels()
        .select_related("tenancy__home__block")
        .exclude(Exists(Invitation.objects.filter(survey=survey, resident=OuterRef("pk"))))
        .order_by("pk")
    )
    run = InvitationRun()
    with transaction.atomic():
        batch = BulkSend.objects.create(
            template="surveys.invitation",
            description=f"Invitations to “{survey.title}”"[:250],
            audience=survey.audience,
            created_by=sent_by,
        )
        chunk = []
        for resident in residents.iterator(chunk_size=2000):
            channel = audience.channel_for(resident)
            if channel is None:
                run.unreachable += 1
                continue
            chunk.append((resident, channel))
            if len(chunk) == BATCH_SIZE:
                run.invited += _invite_chunk(survey, chunk, sent_by, batch)
                chunk = []
        if chunk:
            run.invited += _invite_chunk(survey, chunk, sent_by, batch)
        batch.recorded = run.invited
        batch.save(update_fields=["recorded"])
    return run


def _invite_chunk(survey, chunk, sent_by, batch) -> int:
    invitations = Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            resident=resident,
            token=new_token(),
            channel=channel,
            estate_id=resident.tenancy.home.block.estate_id,
            tenure_type=resident.tenancy.tenure_type,
            invited_by=sent_by,
        )
        for resident, channel in chunk
    )
    for invitation in invitations:
        message_queue(
            template="surveys.invitation",
            key=f"surveys.invitation:{invitation.pk}",
            resident=invitation.resident,
            channel=invitation.channel,
            personalisation=invitation_personalisation(invitation, survey),
            batch=batch,
        )
    return len(invitations)


def _not_answered():
    return Q(response__isnull=True) | Q(response__submitted_at__isnull=True)


def survey_remind(*, survey: Survey) -> int:
    """Remind invited residents who have not answered, once each, while the survey is open."""
    if not survey.is_open:
        return 0
    with transaction.atomic():
        due = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(_not_answered(), survey=survey, reminded_at__isnull=True)
            .select_related("resident__tenancy__home")
        )
        for invitation in due:
            message_queue(
                template="surveys.reminder",
                key=f"surveys.reminder:{invitation.pk}",
                resident=invitation.resident,
                channel=invitation.channel,
                personalisation=invitation_personalisation(invitation, survey),
            )
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in due]).update(reminded_at=timezone.now())
    return len(due)


def surveys_due_reminders() -> list[Survey]:
    now = timezone.now()
    return [
        survey
        for survey in Survey.objects.filter(
            opens_at__lte=now, closes_at__gt=now, reminder_days_before_close__isnull=False
        )
        if survey.reminder_due_at <= now
    ]


def surveys_remind_due() -> int:
    """For the periodic task: send the reminders of every survey whose reminder day has come."""
    return sum(survey_remind(survey=survey) for survey in surveys_due_reminders())
