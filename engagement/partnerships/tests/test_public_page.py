"""The public partnerships page: current partners and what they fund, never a contact's details."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.partnerships.models import Partner, ResidentGroup
from engagement.partnerships.tests.factories import (
    CommitmentFactory,
    ContractFactory,
    DeliveryFactory,
    FundedProjectFactory,
    PartnerContactFactory,
    PartnerFactory,
    PartnerFundingFactory,
    ResidentGroupFactory,
)
from engagement.tests.factories import EstateFactory
from tenants_associations.models import TenantsAssociation
from tenants_associations.models.associations import RecognitionStatus

pytestmark = pytest.mark.django_db

URL = "/partnerships/"


def test_the_page_lists_current_partners_and_the_projects_they_fund(client):
    today = timezone.localdate()
    builder = PartnerFactory(name="Brockley Build")
    PartnerContactFactory(partner=builder, name="Priya Shah", email="priya@brockley.example.org")
    PartnerFactory(name="Gone Windows", ended_on=today - timedelta(days=1))
    PartnerFactory(name="Kept Quiet", listed=False)
    PartnerFactory(name="Starts Soon", started_on=today + timedelta(days=5))
    crossfields = EstateFactory(name="Crossfields")
    games = FundedProjectFactory(name="Street Games on estates")
    games.estates.set([crossfields])
    PartnerFundingFactory(partner=builder, project=games, amount=Decimal("5000"))
    FundedProjectFactory(name="Nobody funds this")
    PartnerFundingFactory(partner=PartnerFactory(name="Old Funder", ended_on=today - timedelta(days=1)))

    page = client.get(URL).content.decode()

    assert reverse("partnerships:index") == URL
    assert "Brockley Build" in page and "Contractor" in page
    for hidden in ("Gone Windows", "Kept Quiet", "Starts Soon", "Old Funder", "Nobody funds this"):
        assert hidden not in page
    assert "Street Games on estates" in page and "Crossfields" in page and "Brockley Build: £5,000" in page
    # Contacts are officers' business: never on the public site.
    assert "Priya" not in page and "brockley.example.org" not in page and "020 7946" not in page


def test_the_page_says_how_much_social_value_was_delivered_this_financial_year(client):
    commitment = CommitmentFactory(contract=ContractFactory(partner=PartnerFactory()))
    DeliveryFactory(commitment=commitment, value=Decimal("22500"), delivered_on=timezone.localdate())

    page = client.get(URL).content.decode()

    assert "£22,500" in page and "social value" in page


def test_resident_groups_link_to_their_tra(client):
    estate = EstateFactory(name="Bellingham Green")
    tra = TenantsAssociation.objects.create(
        name="Bellingham Green TRA", slug="bellingham-green", ward=estate.ward, status=RecognitionStatus.RECOGNISED
    )
    ResidentGroupFactory(name="Bellingham Green TRA", kind=ResidentGroup.Kind.TRA, tenants_association=tra)
    ResidentGroupFactory(name="Oak Court garden club").estates.set([estate])

    page = client.get(URL).content.decode()

    assert f'href="{reverse("tenants_associations:detail", kwargs={"slug": "bellingham-green"})}"' in page
    assert "Oak Court garden club" in page and "Community gardening group: Bellingham Green" in page


def test_the_home_page_links_to_it(client):
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_the_number_of_queries_does_not_grow_with_partners_and_projects(client, django_assert_num_queries):
    from engagement.community_projects.models import Proposal
    from engagement.community_projects.tests.factories import ProposalFactory

    def add(n):
        for _ in range(n):
            partner = PartnerFactory(kind=Partner.Kind.TRAINING_PROVIDER)
            funding = PartnerFundingFactory(partner=partner)
            funding.project.estates.set([EstateFactory()])
            ResidentGroupFactory().estates.set([EstateFactory()])
            ProposalFactory(funded=True, funding=Proposal.Funding.SOCIAL_VALUE, partner=partner, estate=EstateFactory())

    add(1)
    client.get(URL)  # sessions, content types and the like, read once
    with django_assert_num_queries(8) as few:
        client.get(URL)
    add(4)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_a_project_residents_chose_and_a_partner_pays_for_links_to_its_page(client):
    from engagement.community_projects.models import Proposal
    from engagement.community_projects.tests.factories import ProposalFactory, closed_round

    builder = PartnerFactory(name="Brockley Build")
    garden = ProposalFactory(
        round=closed_round(),
        title="Crossfields food garden",
        funded=True,
        funding=Proposal.Funding.SOCIAL_VALUE,
        partner=builder,
    )
    ProposalFactory(title="Raised by fundraising", funded=True, funding=Proposal.Funding.FUNDRAISING)
    ProposalFactory(
        title="Paid by a past partner",
        funded=True,
        funding=Proposal.Funding.SOCIAL_VALUE,
        partner=PartnerFactory(ended_on=timezone.localdate() - timedelta(days=1)),
    )

    page = client.get(URL).content.decode()

    assert f'<a class="govuk-link" href="{garden.get_absolute_url()}">Crossfields food garden</a>' in page
    assert f"in the {garden.round.year} community projects vote" in page and "Brockley Build: £4,000" in page
    assert "Raised by fundraising" not in page and "Paid by a past partner" not in page
    assert "There are no partner-funded projects" not in page
