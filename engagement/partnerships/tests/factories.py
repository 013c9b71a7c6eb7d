from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from engagement.partnerships.models import (
    Commitment,
    Contract,
    Delivery,
    FundedProject,
    Partner,
    PartnerContact,
    PartnerFunding,
    ResidentGroup,
)


class PartnerFactory(factory.django.DjangoModelFactory):
    """A contractor in partnership since last year, listed on the site."""

    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.CONTRACTOR
    about = "Repairs and major works."
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


class PartnerContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerContact

    partner = factory.SubFactory(PartnerFactory)
    name = "Priya Shah"
    role = "Social value manager"
    email = "priya@partner.example.org"
    phone = "020 7946 0001"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Repairs contract {n}")
    reference = factory.Sequence(lambda n: f"LBL-{n:04d}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=300))


class CommitmentFactory(factory.django.DjangoModelFactory):
    """Four apprenticeships worth £90,000, due in six months: on track."""

    class Meta:
        model = Commitment

    contract = factory.SubFactory(ContractFactory)
    theme = Commitment.Theme.APPRENTICESHIPS
    what = "Apprenticeships for Lewisham residents"
    quantity = Decimal("4")
    unit = "apprenticeships"
    value = Decimal("90000")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=180))


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    commitment = factory.SubFactory(CommitmentFactory)
    delivered_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    quantity = Decimal("1")
    value = Decimal("22500")
    evidence = "The apprentice's contract, seen by the officer."


class FundedProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundedProject

    name = factory.Sequence(lambda n: f"Project {n}")
    about = "Free sport for children on estates."


class PartnerFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerFunding

    partner = factory.SubFactory(PartnerFactory)
    project = factory.SubFactory(FundedProjectFactory)
    amount = Decimal("5000")


class ResidentGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentGroup

    name = factory.Sequence(lambda n: f"Growers {n}")
    kind = ResidentGroup.Kind.GARDENING
