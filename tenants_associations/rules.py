"""Who may do what with a TRA, in one place. Views and services ask these; nothing else decides.

- Any current committee member manages their own TRA on the site: members, requests, meetings,
  documents and notices. Never another TRA's.
- Only the TRA's officers (chair, vice-chair, secretary, treasurer, other officers) accept or
  decline membership requests and mark TRA representatives.
"""

from engagement.models import Resident
from tenants_associations.models import CommitteeRole, Membership, TenantsAssociation, TRADocument


def committee_roles(resident: Resident | None, tra: TenantsAssociation) -> list[CommitteeRole]:
    if resident is None:
        return []
    return list(CommitteeRole.objects.current().filter(tra=tra, resident=resident))


def is_on_committee(resident: Resident | None, tra: TenantsAssociation) -> bool:
    return bool(committee_roles(resident, tra))


def is_tra_officer(roles: list[CommitteeRole]) -> bool:
    """Whether these committee roles include one of the TRA's officers (who decide on membership)."""
    return any(role.is_officer for role in roles)


def tras_covering(resident: Resident):
    """The TRAs covering the resident's home (none if we do not know where they live)."""
    home = resident.home if resident.has_verified_tenancy else None
    if home is None:
        return TenantsAssociation.objects.none()
    return TenantsAssociation.objects.covering_home(home)


def tras_covering_by_activity(resident: Resident) -> tuple[list[TenantsAssociation], list[TenantsAssociation]]:
    """The TRAs covering the resident's home, by name: (active ones, lapsed ones), in one query."""
    covering = list(tras_covering(resident).order_by("name"))
    return (
        [tra for tra in covering if tra.is_active],
        [tra for tra in covering if not tra.is_active],
    )


def lives_in_area_of(resident: Resident, tra: TenantsAssociation) -> bool:
    return tras_covering(resident).filter(pk=tra.pk).exists()


def can_read_document(document: TRADocument, *, user, resident: Resident | None) -> bool:
    """Public documents are for anyone; members-only ones for members, the committee and TRA staff."""
    if document.visibility == TRADocument.Visibility.PUBLIC:
        return True
    if user.is_authenticated and user.is_staff and user.has_perm("tenants_associations.view_tradocument"):
        return True
    if resident is None:
        return False
    return Membership.objects.members().filter(tra_id=document.tra_id, resident=resident).exists() or is_on_committee(
        resident, document.tra
    )
