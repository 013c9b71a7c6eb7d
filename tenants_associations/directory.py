"""The directory: estates by ward with the TRAs that cover them, found by ward, estate or postcode."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q

from engagement.models import Block, Estate, Home, Resident, Ward
from engagement.postcodes import normalise_postcode
from tenants_associations.models import (
    CommitteeRole,
    Membership,
    StartingInterest,
    TenantManagementOrganisation,
    TenantsAssociation,
)
from tenants_associations.rules import tras_covering_by_activity

_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?) ([0-9])$")


@dataclass(frozen=True)
class PostcodeSearch:
    """A full postcode ("SE6 4RU"), a district ("SE6") or a sector ("SE6 4"), normalised."""

    text: str
    exact: bool

    def homes(self):
        if self.exact:
            return Home.objects.filter(postcode=self.text)
        # The space stops "SE6" matching SE60-something districts.
        prefix = self.text if " " in self.text else f"{self.text} "
        return Home.objects.filter(postcode__startswith=prefix)


def postcode_search(value: str) -> PostcodeSearch:
    """Read what someone typed as a postcode or the start of one. Raises ValidationError if neither."""
    try:
        return PostcodeSearch(text=normalise_postcode(value), exact=True)
    except ValidationError:
        pass
    words = " ".join((value or "").upper().split())
    if _OUTWARD.match(words.replace(" ", "")) and " " not in words:
        return PostcodeSearch(text=words, exact=False)
    if _SECTOR.match(words):
        return PostcodeSearch(text=words, exact=False)
    raise ValidationError(
        "Enter a full postcode, like SE6 4RU, or the first part of one, like SE6", code="invalid_postcode"
    )


@dataclass(frozen=True)
class Coverage:
    tra: TenantsAssociation
    blocks: list[Block]  # empty when it covers the whole estate


@dataclass(frozen=True)
class EstateListing:
    estate: Estate
    coverage: list[Coverage]

    @property
    def has_tra(self) -> bool:
        return bool(self.coverage)

    @property
    def has_active_tra(self) -> bool:
        return any(cover.tra.is_active for cover in self.coverage)


def directory_estates(
    *, ward: Ward | None = None, estate: Estate | None = None, postcode: PostcodeSearch | None = None
):
    """Estates in ward order, with the TRAs covering them to prefetch: a query set, so that a page of it
    (see directory_listings) loads only its own estates' TRAs and blocks, in a fixed number of queries."""
    tras = TenantsAssociation.objects.only("name", "slug", "status").order_by("name")
    # The Tenant Management Organisations managing each estate, as `tmos`.
    tmos = TenantManagementOrganisation.objects.only("name", "website").order_by("name")
    estates = Estate.objects.select_related("ward").prefetch_related(
        Prefetch("tenants_associations", queryset=tras, to_attr="whole_tras"),
        Prefetch("tenant_management_organisations", queryset=tmos, to_attr="tmos"),
    )
    if ward is not None:
        estates = estates.filter(ward=ward)
    if estate is not None:
        estates = estates.filter(pk=estate.pk)
    if postcode is not None:
        estates = estates.filter(pk__in=postcode.homes().values("block__estate_id"))
    return estates.order_by("ward__name", "name", "pk")


def directory_listings(estates) -> list[EstateListing]:
    """What the directory shows for each estate of `estates` (from directory_estates, or a page of it)."""
    estates = list(estates)
    # Only the blocks a TRA covers, in one query: most blocks have none, and an estate has dozens.
    covered = (
        TenantsAssociation.blocks.through.objects.filter(block__estate__in=estates)
        .select_related("block", "tenantsassociation")
        .only(
            "block__name",
            "block__estate_id",
            "tenantsassociation__name",
            "tenantsassociation__slug",
            "tenantsassociation__status",
        )
        .order_by("block__name", "block_id")
    )
    by_estate: dict[int, list] = {}
    for link in covered:
        by_estate.setdefault(link.block.estate_id, []).append(link)
    return [_listing(estate, by_estate.get(estate.pk, [])) for estate in estates]


def _listing(estate: Estate, block_links: list) -> EstateListing:
    coverage = [Coverage(tra=tra, blocks=[]) for tra in estate.whole_tras]
    whole = {tra.pk for tra in estate.whole_tras}
    partial: dict[int, Coverage] = {}
    for link in block_links:
        tra = link.tenantsassociation
        if tra.pk not in whole:
            partial.setdefault(tra.pk, Coverage(tra=tra, blocks=[])).blocks.append(link.block)
    return EstateListing(estate=estate, coverage=coverage + sorted(partial.values(), key=lambda c: c.tra.name))


def tmos_of(tra: TenantsAssociation) -> list[TenantManagementOrganisation]:
    """The Tenant Management Organisations managing the estates the TRA covers (or its blocks are on)."""
    on_estates = Q(estates__tenants_associations=tra) | Q(estates__blocks__tenants_associations=tra)
    return list(
        TenantManagementOrganisation.objects.filter(
            pk__in=TenantManagementOrganisation.objects.filter(on_estates).values("pk")
        )
    )


@dataclass(frozen=True)
class YourTRA:
    """What the home page tells a signed-in resident about their TRA."""

    estate: Estate
    covering: list[TenantsAssociation]  # active ones
    lapsed: list[TenantsAssociation]
    memberships: list[Membership]
    interest: StartingInterest | None
    committee_of: list[TenantsAssociation]


def your_tra(resident: Resident | None) -> YourTRA | None:
    if resident is None or not resident.has_verified_tenancy or resident.home is None:
        return None
    memberships = list(Membership.objects.open().filter(resident=resident).select_related("tra").order_by("tra__name"))
    covering, lapsed = tras_covering_by_activity(resident)
    estate = resident.home.block.estate
    interest = None
    if not covering:
        interest = (
            StartingInterest.objects.filter(resident=resident, estate=estate, withdrawn_at__isnull=True)
            .select_related("invited_to")
            .first()
        )
    committee_of = list(
        TenantsAssociation.objects.filter(
            pk__in=CommitteeRole.objects.current().filter(resident=resident).values("tra")
        )
    )
    return YourTRA(
        estate=estate,
        covering=covering,
        lapsed=lapsed,
        memberships=memberships,
        interest=interest,
        committee_of=committee_of,
    )
