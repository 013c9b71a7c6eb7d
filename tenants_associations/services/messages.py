"""Who hears from a TRA's committee side, and the links we put in messages."""

from engagement.links import site_url
from engagement.models import Resident
from tenants_associations.models import CommitteeRole, Membership, TenantsAssociation


def tra_personalisation(tra: TenantsAssociation) -> dict:
    return {"tra_name": tra.name, "tra_url": site_url("tenants_associations:detail", slug=tra.slug)}


def _current_roles(tra: TenantsAssociation):
    return CommitteeRole.objects.current().filter(tra=tra).select_related("resident__tenancy__home").order_by("pk")


def membership_contacts(tra: TenantsAssociation) -> list[Resident]:
    """Who answers membership requests: the secretary, or the TRA's officers if there is no secretary."""
    roles = [role for role in _current_roles(tra) if role.is_officer]
    secretaries = [role for role in roles if role.role == CommitteeRole.Role.SECRETARY]
    return _distinct_residents(secretaries or roles)


def committee_members(tra: TenantsAssociation) -> list[Resident]:
    return _distinct_residents(_current_roles(tra))


def members(tra: TenantsAssociation) -> list[Resident]:
    memberships = Membership.objects.members().filter(tra=tra).select_related("resident__tenancy__home")
    return [membership.resident for membership in memberships.order_by("pk")]


def _distinct_residents(roles) -> list[Resident]:
    seen = {}
    for role in roles:
        seen.setdefault(role.resident_id, role.resident)
    return list(seen.values())
