"""Where someone stands with a panel: a member, applied, able to apply, or not (and why).

The list page asks this for every panel, so a resident's memberships and open
applications are read once, in two queries, however many panels there are.
"""

from dataclasses import dataclass

from engagement.models import Resident
from panels.eligibility import Eligibility, eligibility_for
from panels.models import Membership, Panel, PanelApplication


class State:
    SIGNED_OUT = "signed_out"
    NOT_A_RESIDENT = "not_a_resident"  # staff, or an account with no resident record
    MEMBER = "member"
    APPLIED = "applied"
    DRAFT = "draft"
    NOT_RECRUITING = "not_recruiting"
    CONFIRM_TENANCY = "confirm_tenancy"
    CAN_APPLY = "can_apply"
    CANNOT_APPLY = "cannot_apply"


@dataclass(frozen=True)
class Standing:
    state: str
    eligibility: Eligibility | None = None
    application: PanelApplication | None = None
    membership: Membership | None = None

    @property
    def is_member(self) -> bool:
        return self.state == State.MEMBER


class Standings:
    def __init__(self, resident: Resident | None, *, signed_in: bool):
        self.resident = resident
        self.signed_in = signed_in
        self.memberships: dict[int, Membership] = {}
        self.applications: dict[int, PanelApplication] = {}
        if resident is not None:
            self.memberships = {m.panel_id: m for m in Membership.objects.current().filter(resident=resident)}
            self.applications = {
                a.panel_id: a
                for a in PanelApplication.objects.filter(resident=resident, status__in=PanelApplication.OPEN)
            }

    def for_panel(self, panel: Panel) -> Standing:
        resident = self.resident
        if resident is None:
            return Standing(State.NOT_A_RESIDENT if self.signed_in else State.SIGNED_OUT)
        if panel.pk in self.memberships:
            return Standing(State.MEMBER, membership=self.memberships[panel.pk])
        application = self.applications.get(panel.pk)
        if application is not None and application.status != PanelApplication.Status.DRAFT:
            return Standing(State.APPLIED, application=application)
        if not panel.is_recruiting:
            return Standing(State.NOT_RECRUITING, application=application)
        if not resident.has_verified_tenancy:
            return Standing(State.CONFIRM_TENANCY, application=application)
        # A draft is checked again: where the resident lives, or the panel's rules, may have changed.
        eligibility = eligibility_for(resident, panel)
        if not eligibility.eligible:
            return Standing(State.CANNOT_APPLY, eligibility=eligibility, application=application)
        return Standing(
            State.DRAFT if application else State.CAN_APPLY, eligibility=eligibility, application=application
        )
