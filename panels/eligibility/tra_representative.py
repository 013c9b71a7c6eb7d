from panels.eligibility.base import Rule, register
from tenants_associations.services import tra_representative_of


@register
class TRARepresentative(Rule):
    """TRA seats (on the Service and Performance Panel) are for residents their recognised TRA has chosen."""

    code = "tra_representative"
    label = "Represents a recognised Tenants and Residents Association"

    def allows(self, resident, rule):
        return tra_representative_of(resident) is not None

    def who(self, rule):
        return "Tenants and Residents Association representatives"

    def why_not(self, resident, rule):
        return (
            "These seats are for people their Tenants and Residents Association has chosen to represent it on "
            "panels. You are not marked as a representative of a recognised TRA."
        )

    def instead(self, resident, rule):
        return (
            "If your TRA has chosen you, ask its secretary to mark you as its representative. "
            "You can apply for a resident seat, or join your TRA first."
        )
