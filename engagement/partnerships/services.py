"""Partnerships and social value: what officers record, chase and export, and what residents see.

A commitment's status comes from its deliveries and its date (CommitmentQuerySet.with_progress), so
recording a delivery is all it takes to move a commitment to "met".
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from engagement.community_projects.models import Proposal
from engagement.dates import financial_year_start
from engagement.partnerships.models import (
    Commitment,
    CommitmentStatus,
    Delivery,
    FundedProject,
    Partner,
    PartnerFunding,
    ResidentGroup,
)


@transaction.atomic
def delivery_record(
    *, commitment: Commitment, delivered_on: date, quantity: Decimal, value: Decimal, evidence: str, officer=None
) -> Delivery:
    """Record what a partner delivered against a commitment, with the evidence officers saw.

    Raises ValidationError (by field) as admin's forms do: a date in the future, no evidence.
    """
    delivery = Delivery(
        commitment=commitment,
        delivered_on=delivered_on,
        quantity=quantity,
        value=value,
        evidence=evidence.strip(),
        recorded_by=officer,
    )
    delivery.full_clean()
    delivery.save()
    return delivery


def commitment_status(commitment: Commitment, today: date | None = None) -> str:
    """One commitment's status, by the same rules as the lists (CommitmentQuerySet.with_progress)."""
    return Commitment.objects.with_progress(today).values_list("status", flat=True).get(pk=commitment.pk)


@dataclass(frozen=True)
class SocialValueTotals:
    committed: Decimal
    delivered: Decimal


def social_value_totals(contract) -> SocialValueTotals:
    """What a contract's commitments are worth in pounds, and what has been delivered against them."""
    committed = contract.commitments.aggregate(total=Sum("value"))["total"]
    delivered = Delivery.objects.filter(commitment__contract=contract).aggregate(total=Sum("value"))["total"]
    return SocialValueTotals(committed=committed or Decimal("0"), delivered=delivered or Decimal("0"))


# --- Exports for community relations --------------------------------------------------------

COMMITMENT_HEADER = (
    "Partner",
    "Contract",
    "Contract reference",
    "Theme",
    "Commitment",
    "How much",
    "Unit",
    "Social value (£)",
    "Due by",
    "Delivered so far",
    "Value delivered (£)",
    "Status",
)
DELIVERY_HEADER = ("Partner", "Contract", "Commitment", "Delivered on", "How much", "Unit", "Value (£)", "Evidence")


def _with_progress(commitments, today: date | None):
    # The admin's list may already be annotated and filtered on the annotation: start again from its keys.
    return (
        Commitment.objects.filter(pk__in=list(commitments.values_list("pk", flat=True)))
        .with_progress(today)
        .select_related("contract__partner")
        .order_by("due_on", "pk")
    )


def commitment_rows(commitments, today: date | None = None) -> Iterator[tuple]:
    """The commitments with what has been delivered and where each stands: header first."""
    yield COMMITMENT_HEADER
    statuses = dict(CommitmentStatus.choices)
    for commitment in _with_progress(commitments, today):
        contract = commitment.contract
        yield (
            contract.partner.name,
            contract.title,
            contract.reference,
            commitment.get_theme_display(),
            commitment.what,
            commitment.quantity,
            commitment.unit,
            commitment.value,
            commitment.due_on,
            commitment.delivered_quantity,
            commitment.delivered_value,
            statuses[commitment.status],
        )


def delivery_rows(commitments) -> Iterator[tuple]:
    """Everything delivered against the commitments, with its evidence: header first."""
    yield DELIVERY_HEADER
    deliveries = (
        Delivery.objects.filter(commitment__in=list(commitments.values_list("pk", flat=True)))
        .select_related("commitment__contract__partner")
        .order_by("commitment__due_on", "commitment_id", "delivered_on", "pk")
    )
    for delivery in deliveries:
        commitment = delivery.commitment
        yield (
            commitment.contract.partner.name,
            commitment.contract.title,
            commitment.what,
            delivery.delivered_on,
            delivery.quantity,
            commitment.unit,
            delivery.value,
            delivery.evidence,
        )


# --- The public partnerships page -----------------------------------------------------------


@dataclass(frozen=True)
class PartnershipsPage:
    partners: list[Partner]
    projects: list[FundedProject]
    # Projects residents chose in the yearly vote that a current partner's social value pays for.
    chosen: list[Proposal]
    groups: list[ResidentGroup]
    # Social value delivered by current partners in the financial year so far, in pounds.
    delivered_value: Decimal


def _running(today: date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": today})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def partnerships_page(today: date | None = None) -> PartnershipsPage:
    """Current partnerships, the projects they fund and the resident groups we work with. Never a contact."""
    today = today or timezone.localdate()
    partners = Partner.objects.current(today)
    projects = (
        FundedProject.objects.filter(listed=True)
        .filter(_running(today))
        .prefetch_related(
            "estates",
            Prefetch(
                "funding",
                queryset=PartnerFunding.objects.filter(partner__in=partners).select_related("partner"),
                to_attr="current_funding",
            ),
        )
    )
    delivered = Delivery.objects.filter(
        commitment__contract__partner__in=partners,
        delivered_on__gte=financial_year_start(today),
        delivered_on__lte=today,
    ).aggregate(total=Sum("value"))["total"]
    return PartnershipsPage(
        partners=list(partners),
        projects=[project for project in projects if project.current_funding],
        chosen=list(
            Proposal.objects.public()
            .filter(funded=True, funding=Proposal.Funding.SOCIAL_VALUE, partner__in=partners)
            .select_related("round", "estate", "partner")
            .order_by("-round__year", "title", "pk")
        ),
        groups=list(
            ResidentGroup.objects.filter(listed=True).select_related("tenants_association").prefetch_related("estates")
        ),
        delivered_value=delivered or Decimal("0"),
    )
