"""Applying to a panel, and officers' decisions on applications."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.dates import date_text
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from panels.eligibility import Eligibility, eligibility_for
from panels.models import Membership, Panel, PanelApplication
from panels.services import PanelError
from panels.services.meetings import member_meetings_invite

ANSWER_FIELDS = ("seat", "why_join", "experience", "availability", "access_needs", "wants_training")


class NotEligible(PanelError):
    def __init__(self, eligibility: Eligibility):
        self.eligibility = eligibility
        super().__init__("You cannot apply to this panel.")


def access_needs_summary(resident: Resident) -> str:
    """The resident's recorded access needs as one line, to start their application's answer with."""
    needs = []
    for need in resident.access_needs.all():
        if need.code == "language_interpreter" and resident.interpreter_language:
            needs.append(f"{need.label}: {resident.interpreter_language}")
        else:
            needs.append(need.label)
    if resident.access_needs_other:
        needs.append(resident.access_needs_other)
    return "; ".join(needs)


def _check_can_apply(resident: Resident, panel: Panel, seat: str) -> None:
    if not panel.is_recruiting:
        raise PanelError(_("The %(panel)s is not taking applications at the moment.") % {"panel": panel.name})
    if Membership.objects.current().filter(panel=panel, resident=resident).exists():
        raise PanelError(_("You are already a member of the %(panel)s.") % {"panel": panel.name})
    eligibility = eligibility_for(resident, panel)
    if seat not in eligibility.seats:
        raise NotEligible(eligibility)


def _draft_for_update(resident: Resident, panel: Panel) -> PanelApplication:
    application = (
        PanelApplication.objects.select_for_update()
        .filter(resident=resident, panel=panel, status__in=PanelApplication.OPEN)
        .first()
    )
    if application is None:
        return PanelApplication(resident=resident, panel=panel)
    if application.status != PanelApplication.Status.DRAFT:
        raise PanelError(
            _("You have already applied to the %(panel)s. You can see its progress in your panels.")
            % {"panel": panel.name}
        )
    return application


@transaction.atomic
def application_save_draft(*, resident: Resident, panel: Panel, answers: dict) -> PanelApplication:
    """Keep what the resident has written so far, to finish later. Nothing is sent."""
    _check_can_apply(resident, panel, answers.get("seat") or panel.seats[0])
    application = _draft_for_update(resident, panel)
    for field in ANSWER_FIELDS:
        if field in answers:
            setattr(application, field, answers[field])
    application.save()
    return application


@transaction.atomic
def application_submit(*, resident: Resident, panel: Panel, answers: dict) -> PanelApplication:
    """Send the application to the panel's officers and tell the resident we have it."""
    _check_can_apply(resident, panel, answers["seat"])
    application = _draft_for_update(resident, panel)
    for field in ANSWER_FIELDS:
        setattr(application, field, answers[field])
    application.status = PanelApplication.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    involvement_changed([resident.pk])
    message_queue(
        template="panels.application_received",
        key=f"panel-application-received:{application.pk}",
        resident=resident,
        personalisation={
            "panel_name": panel.name,
            "seat": application.get_seat_display(),
            "your_panels_url": site_url("panels:yours"),
        },
    )
    return application


@transaction.atomic
def application_withdraw(*, application: PanelApplication) -> PanelApplication:
    application = PanelApplication.objects.select_for_update().get(pk=application.pk)
    if not application.can_be_withdrawn:
        raise PanelError(_("This application can no longer be withdrawn."))
    application.status = PanelApplication.Status.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return application


def _lock_for_decision(application: PanelApplication, allowed: tuple) -> PanelApplication:
    application = (
        PanelApplication.objects.select_for_update().select_related("panel", "resident").get(pk=application.pk)
    )
    if application.status not in allowed:
        raise PanelError(
            f"{application.resident.full_name}'s application to the {application.panel.name} is "
            f"“{application.get_status_display()}”, so it cannot be changed this way."
        )
    return application


def _decide(application: PanelApplication, status: str, message: str, decided_by) -> None:
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = decided_by
    application.decision_message = message
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_message", "updated_at"])


def _tell(application: PanelApplication, decision: str, message: str, **personalisation) -> None:
    message_queue(
        template=f"panels.application_{decision}",
        key=f"panel-application-{decision}:{application.pk}",
        resident=application.resident,
        personalisation={
            "panel_name": application.panel.name,
            "officer_message": message,
            "panel_url": site_url("panels:detail", slug=application.panel.slug),
            "your_panels_url": site_url("panels:yours"),
            "panels_url": site_url("panels:list"),
            **personalisation,
        },
    )


@transaction.atomic
def application_shortlist(*, application: PanelApplication, message: str, decided_by) -> PanelApplication:
    application = _lock_for_decision(application, (PanelApplication.Status.SUBMITTED,))
    _decide(application, PanelApplication.Status.SHORTLISTED, message, decided_by)
    _tell(application, "shortlisted", message)
    return application


@transaction.atomic
def application_accept(
    *,
    application: PanelApplication,
    role: str,
    starts_on: date,
    term_ends_on: date | None,
    message: str,
    decided_by,
) -> Membership:
    """Accept the application and give the resident a seat on the panel, with a role and a term."""
    application = _lock_for_decision(application, PanelApplication.AWAITING_DECISION)
    if role == Membership.Role.STAFF_MEMBER:
        raise PanelError(_("A resident cannot hold a staff member's seat. Choose another role."))
    if term_ends_on and term_ends_on <= starts_on:
        raise PanelError(_("The term must end after it starts."))
    if Membership.objects.current().filter(panel=application.panel, resident=application.resident).exists():
        raise PanelError(
            _("%(name)s is already a member of the %(panel)s.")
            % {"name": application.resident.full_name, "panel": application.panel.name}
        )
    _decide(application, PanelApplication.Status.ACCEPTED, message, decided_by)
    membership = Membership.objects.create(
        panel=application.panel,
        resident=application.resident,
        role=role,
        started_on=starts_on,
        term_ends_on=term_ends_on,
        application=application,
    )
    _tell(
        application,
        "accepted",
        message,
        role=membership.get_role_display(),
        starts_on=date_text(starts_on),
        term_ends_on=date_text(term_ends_on) if term_ends_on else "",
    )
    involvement_changed([membership.resident_id])
    # Like every current member, they are invited to the meetings still to come.
    member_meetings_invite(membership=membership, by=decided_by)
    return membership


@transaction.atomic
def application_decline(*, application: PanelApplication, message: str, decided_by) -> PanelApplication:
    if not message.strip():
        raise PanelError(_("Tell the resident why their application was not successful."))
    application = _lock_for_decision(application, PanelApplication.AWAITING_DECISION)
    _decide(application, PanelApplication.Status.DECLINED, message, decided_by)
    _tell(application, "declined", message)
    return application
