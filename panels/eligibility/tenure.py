from engagement.models import TenureType
from panels.eligibility.base import Rule, register

# How we name people of each tenure, in a sentence: "open to resident leaseholders".
PEOPLE = {
    TenureType.COUNCIL_TENANT: "council tenants",
    TenureType.SHELTERED_TENANT: "sheltered tenants",
    TenureType.RESIDENT_LEASEHOLDER: "resident leaseholders",
    TenureType.PRIVATE_TENANT_OF_LEASEHOLDER: "private tenants of leaseholders",
    TenureType.TEMPORARY_ACCOMMODATION: "residents in temporary accommodation",
    TenureType.SHARED_OWNER: "shared owners",
}
# And one resident: "our records show you are a council tenant".
YOU_ARE = {
    TenureType.COUNCIL_TENANT: "you are a council tenant",
    TenureType.SHELTERED_TENANT: "you are a sheltered tenant",
    TenureType.RESIDENT_LEASEHOLDER: "you are a resident leaseholder",
    TenureType.PRIVATE_TENANT_OF_LEASEHOLDER: "you are a private tenant of a leaseholder",
    TenureType.TEMPORARY_ACCOMMODATION: "you live in temporary accommodation",
    TenureType.SHARED_OWNER: "you are a shared owner",
}


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@register
class Tenure(Rule):
    code = "tenure"
    label = "Tenure types (for example, leaseholders only)"
    parameters = ("tenure_types",)

    def allows(self, resident, rule):
        return resident.tenancy_id is not None and resident.tenancy.tenure_type in rule.tenure_types

    def who(self, rule):
        return _or_list([PEOPLE.get(value, value) for value in rule.tenure_types] or ["nobody yet"])

    def why_not(self, resident, rule):
        this_is_for = f"This is for {self.who(rule)}."
        if resident.tenancy_id is None:
            return f"{this_is_for} We have not confirmed your tenancy yet."
        return (
            f"{this_is_for} Our records show {YOU_ARE.get(resident.tenancy.tenure_type, 'your tenancy is different')}."
        )

    def instead(self, resident, rule):
        return (
            "If our record of your tenancy is wrong, tell us using the contact details below. "
            "Otherwise, look at the panels and forums you can join, listed below."
        )
