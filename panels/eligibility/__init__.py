"""Who may join a panel: a panel's rules, checked for a resident and explained in plain words.

Each rule is one module in this package (any resident, tenure, higher-risk building,
independent living, estates). A module that registers a rule is picked up on import, so
a new rule, such as "is a TRA representative", is one new file here.

A panel may keep seats for TRA representatives. A rule applies to every seat, or to
one kind of seat only; a resident may apply for a seat whose rules they all meet.
"""

import importlib
import pkgutil
from dataclasses import dataclass

from engagement.models import Resident
from panels.eligibility.base import Rule, UnknownRule, register, rule_choices, rule_for
from panels.models import Membership, Panel, PanelApplication, Seat

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "Eligibility",
    "Reason",
    "Rule",
    "UnknownRule",
    "eligibility_for",
    "panels_open_to",
    "register",
    "rule_choices",
    "rule_for",
    "who_can_join",
]


@dataclass(frozen=True)
class Reason:
    why_not: str
    instead: str


@dataclass(frozen=True)
class Eligibility:
    seats: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return bool(self.seats)


def _rules_for_seat(panel: Panel, seat: str) -> list:
    # .all() so a prefetch (Panel.objects.for_listing()) serves it.
    return [rule for rule in panel.eligibility_rules.all() if rule.for_seat in ("", seat)]


def eligibility_for(resident: Resident, panel: Panel) -> Eligibility:
    """The seats this resident may apply for; when there are none, every reason why, once each."""
    seats, reasons = [], []
    for seat in panel.seats:
        failed = [rule for rule in _rules_for_seat(panel, seat) if not rule_for(rule).allows(resident, rule)]
        if not failed:
            seats.append(seat)
        for rule in failed:
            reason = Reason(rule_for(rule).why_not(resident, rule), rule_for(rule).instead(resident, rule))
            if reason not in reasons:
                reasons.append(reason)
    return Eligibility(seats=tuple(seats), reasons=() if seats else tuple(reasons))


# Who a seat is for when no rule narrows it. A TRA seat is for TRA representatives by its nature,
# whether or not a rule checks it online.
_OPEN_TO_BY_DEFAULT = {
    Seat.RESIDENT: "any council housing resident",
    Seat.TRA_REPRESENTATIVE: "Tenants and Residents Association representatives",
}


@dataclass(frozen=True)
class SeatRules:
    seat: str
    seat_label: str
    open_to: list[str]


def who_can_join(panel: Panel) -> list[SeatRules]:
    """For each seat, who it is open to: every rule must be met ("resident leaseholders", …)."""
    labels = dict(Seat.choices)
    result = []
    for seat in panel.seats:
        open_to = [rule_for(rule).who(rule) for rule in _rules_for_seat(panel, seat) if rule.rule != "any_resident"]
        result.append(SeatRules(seat, str(labels[seat]), open_to or [_OPEN_TO_BY_DEFAULT[seat]]))
    return result


def panels_open_to(resident: Resident, *, excluding: Panel | None = None) -> list[Panel]:
    """Recruiting panels this resident could apply to now: eligible, not already a member, not already applied."""
    taken = set(Membership.objects.current().filter(resident=resident).values_list("panel_id", flat=True))
    taken |= set(
        PanelApplication.objects.filter(resident=resident, status__in=PanelApplication.OPEN).values_list(
            "panel_id", flat=True
        )
    )
    if excluding is not None:
        taken.add(excluding.pk)
    recruiting = Panel.objects.for_listing().filter(status=Panel.Status.RECRUITING).exclude(pk__in=taken)
    return [panel for panel in recruiting if eligibility_for(resident, panel).eligible]
