"""Survey invitations and reminders, sent through the messaging outbox.

Each invited resident gets an Invitation with their own link (an unguessable token). A
letter also carries a short code to type in instead: messaging gives every letter with a
personal `link` one when it is sent (engagement/messaging/services/letters.py). Invitations
go as a bulk send, like any message to an audience: the officer's letter choice goes with
them, and a resident is counted as invited once their invitation has really been sent.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from engagement.dates import time_on_date_text
from engagement.links import site_url
from engagement.messaging.audience import Audience
from engagement.messaging.models import Message
from engagement.messaging.services import message_queue
from engagement.messaging.services.bulk import bulk_send_create
from engagement.models import Purpose, Resident
from surveys.models import Invitation, Survey
from surveys.services.answering import new_token
from surveys.services.tsm.sampling import tsm_not_in_sample

INVITATION = "surveys.invitation"


def survey_audience(survey: Survey) -> Audience:
    # Survey invitations are engagement messages: only to residents who opted in.
    return Audience.from_json({**survey.audience, "purpose": Purpose.ENGAGEMENT})


def survey_link(token: str) -> str:
    return site_url("surveys:answer", token)


def survey_short_link(token: str) -> str:
    """The same link, shorter, for text messages."""
    return site_url("survey_short_link", token)


def survey_personalisation(survey: Survey) -> dict:
    """What every invitation and reminder of the survey says."""
    return {
        "survey_title": survey.title,
        "opens": time_on_date_text(survey.opens_at),
        "closes": time_on_date_text(survey.closes_at),
        "closes_short": f"{timezone.localtime(survey.closes_at):%-d %b}",
        "not_open_yet": survey.state() == Survey.State.NOT_OPEN,
        "is_anonymous": survey.is_anonymous,
    }


def invitation_personalisation(invitation: Invitation, survey: Survey) -> dict:
    return {
        **survey_personalisation(survey),
        "link": survey_link(invitation.token),
        "short_link": survey_short_link(invitation.token),
    }


@dataclass
class InvitationRun:
    invited: int = 0
    unreachable: int = 0


def invitations_sent() -> Q:
    """Invitations counted as invited: their message really went (not withheld, failed or still waiting)."""
    return Q(message__status__in=[Message.Status.SENT, Message.Status.DELIVERED])


def survey_invite(*, survey: Survey, sent_by=None) -> InvitationRun:
    """Invite everyone in the survey's audience not yet invited, each by the channel they allow.

    Returns how many invitations were recorded (they are sent once this commits) and how
    many residents in the audience cannot be sent one.
    """
    if survey.state() == Survey.State.CLOSED:
        raise ValueError("The survey has closed.")
    audience = survey_audience(survey)
    already = Exists(Invitation.objects.filter(survey=survey, resident=OuterRef("pk")))
    # A TSM survey drawn as a sample invites only the households drawn.
    not_drawn = tsm_not_in_sample(survey)
    if not_drawn is not None:
        already = already | not_drawn

    def invitations_for(recipients: list[tuple[int, str]]) -> dict[int, dict]:
        residents = Resident.objects.select_related("tenancy__home__block").in_bulk([pk for pk, _ in recipients])
        invitations = Invitation.objects.bulk_create(
            Invitation(
                survey=survey,
                resident_id=resident_id,
                token=new_token(),
                channel=channel,
                estate_id=residents[resident_id].tenancy.home.block.estate_id,
                tenure_type=residents[resident_id].tenancy.tenure_type,
                invited_by=sent_by,
            )
            for resident_id, channel in recipients
        )
        return {
            invitation.resident_id: {
                "link": survey_link(invitation.token),
                "short_link": survey_short_link(invitation.token),
            }
            for invitation in invitations
        }

    with transaction.atomic():
        # One run at a time per survey, so no resident is invited twice.
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        unreachable = audience.summary(exclude=already)["none"]
        bulk_send = bulk_send_create(
            audience=audience,
            template=INVITATION,
            description=f"Invitations to “{survey.title}”"[:250],
            personalisation=survey_personalisation(survey),
            officer=sent_by,
            key=f"{INVITATION}:{survey.pk}",
            exclude=already,
            prepare=invitations_for,
        )
        if bulk_send is not None:
            Invitation.objects.filter(survey=survey, message__isnull=True).update(
                message=Subquery(
                    Message.objects.filter(batch=bulk_send, resident=OuterRef("resident")).values("pk")[:1]
                )
            )
    return InvitationRun(invited=bulk_send.recorded if bulk_send else 0, unreachable=unreachable)


def _not_answered():
    return Q(response__isnull=True) | Q(response__submitted_at__isnull=True)


def survey_remind(*, survey: Survey) -> int:
    """Remind invited residents who have not answered, once each, while the survey is open."""
    if not survey.is_open:
        return 0
    with transaction.atomic():
        due = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(_not_answered(), invitations_sent(), survey=survey, reminded_at__isnull=True)
            .select_related("resident__tenancy__home")
        )
        letter_fallback = survey_audience(survey).letter_fallback
        for invitation in due:
            message_queue(
                template="surveys.reminder",
                key=f"surveys.reminder:{invitation.pk}",
                resident=invitation.resident,
                channel=invitation.channel,
                personalisation=invitation_personalisation(invitation, survey),
                letter_fallback=letter_fallback,
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
