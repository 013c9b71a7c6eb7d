"""The one way committee views reach a TRA: scoped to the committee member's own TRA, deny by default."""

from dataclasses import dataclass
from functools import wraps

from django.shortcuts import get_object_or_404, render

from engagement.models import Resident
from engagement.views.residents import resident_required
from tenants_associations.models import CommitteeRole, TenantsAssociation
from tenants_associations.rules import committee_roles, is_tra_officer


@dataclass(frozen=True)
class Committee:
    """The signed-in committee member and the TRA they may manage."""

    tra: TenantsAssociation
    resident: Resident
    roles: list[CommitteeRole]

    @property
    def is_officer(self) -> bool:
        return is_tra_officer(self.roles)


def committee_view(view=None, *, officers_only: bool = False):
    """Pass `committee` to the view if the signed-in resident is on the committee of the TRA in the URL.

    Anyone else gets a page explaining why they cannot see it (403). With `officers_only`,
    ordinary committee members are turned away too.
    """

    def decorate(view):
        @resident_required
        @wraps(view)
        def wrapper(request, slug, *args, resident, **kwargs):
            tra = get_object_or_404(TenantsAssociation, slug=slug)
            roles = committee_roles(resident, tra)
            if not roles:
                return render(request, "tenants_associations/committee/not_on_committee.html", {"tra": tra}, status=403)
            committee = Committee(tra=tra, resident=resident, roles=roles)
            if officers_only and not committee.is_officer:
                return render(request, "tenants_associations/committee/officers_only.html", {"tra": tra}, status=403)
            return view(request, *args, committee=committee, **kwargs)

        return wrapper

    return decorate(view) if view else decorate
