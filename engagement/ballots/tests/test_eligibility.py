"""Who may vote, by the Mayor of London's rules for resident ballots, at the edges of each rule."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from engagement.ballots.models import HousingRegisterDate, Voter
from engagement.ballots.services import BallotRefused, one_year_before, register_compile, voter_add, voter_exclude
from engagement.ballots.tests.factories import BallotFactory, SchemeFactory
from engagement.models import TenureType
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def estate():
    return EstateFactory(name="Achilles Street")


@pytest.fixture
def ballot(estate):
    return BallotFactory(scheme=SchemeFactory(estates=[estate]))


def living_on(estate, *, tenure=TenureType.COUNCIL_TENANT, since=None, born=None, **names):
    home = HomeFactory(block=BlockFactory(estate=estate))
    tenancy = TenancyFactory(
        home=home, tenure_type=tenure, start_date=since or timezone.localdate() - timedelta(days=3000)
    )
    return ResidentFactory(tenancy=tenancy, date_of_birth=born, **names)


def registered(ballot):
    return {voter.resident.first_name: voter.basis for voter in ballot.voters.select_related("resident")}


def test_social_tenants_named_on_a_tenancy_by_the_day_the_offer_is_published_may_vote(ballot, estate):
    offer = ballot.offer_published_on
    living_on(estate, since=offer, first_name="OnTheDay")
    living_on(estate, since=offer + timedelta(days=1), first_name="DayAfter")
    living_on(estate, tenure=TenureType.SHELTERED_TENANT, since=offer, first_name="Sheltered")

    register_compile(ballot=ballot)

    assert registered(ballot) == {"OnTheDay": Voter.Basis.SOCIAL_TENANT, "Sheltered": Voter.Basis.SOCIAL_TENANT}


def test_resident_leaseholders_need_a_year_in_their_home_before_the_offer_not_a_year_less_a_day(ballot, estate):
    year_before = one_year_before(ballot.offer_published_on)
    living_on(estate, tenure=TenureType.RESIDENT_LEASEHOLDER, since=year_before, first_name="AYear")
    living_on(estate, tenure=TenureType.RESIDENT_LEASEHOLDER, since=year_before + timedelta(days=1), first_name="Short")
    living_on(estate, tenure=TenureType.SHARED_OWNER, since=year_before, first_name="Shared")

    register_compile(ballot=ballot)

    assert registered(ballot) == {
        "AYear": Voter.Basis.RESIDENT_LEASEHOLDER,
        "Shared": Voter.Basis.RESIDENT_LEASEHOLDER,
    }


def test_households_on_the_housing_register_for_a_year_may_vote_whatever_their_tenure(ballot, estate):
    year_before = one_year_before(ballot.offer_published_on)
    recent = timezone.localdate() - timedelta(days=60)
    for name, joined in (("AYear", year_before), ("Short", year_before + timedelta(days=1)), ("NotOn", None)):
        resident = living_on(estate, tenure=TenureType.TEMPORARY_ACCOMMODATION, since=recent, first_name=name)
        if joined:
            HousingRegisterDate.objects.create(resident=resident, joined_on=joined)
    private = living_on(estate, tenure=TenureType.PRIVATE_TENANT_OF_LEASEHOLDER, first_name="Private")
    HousingRegisterDate.objects.create(resident=private, joined_on=year_before)
    living_on(estate, tenure=TenureType.PRIVATE_TENANT_OF_LEASEHOLDER, first_name="PrivateNotOn")

    register_compile(ballot=ballot)

    assert registered(ballot) == {"AYear": Voter.Basis.HOUSING_REGISTER, "Private": Voter.Basis.HOUSING_REGISTER}


def test_voters_are_16_or_over_on_the_day_voting_opens(ballot, estate):
    opening = timezone.localdate(ballot.opens_at)
    sixteen_today = opening.replace(year=opening.year - 16)
    living_on(estate, born=sixteen_today, first_name="Sixteen")
    living_on(estate, born=sixteen_today + timedelta(days=1), first_name="Fifteen")
    living_on(estate, born=None, first_name="Unknown")

    register_compile(ballot=ballot)

    assert set(registered(ballot)) == {"Sixteen", "Unknown"}
    assert ballot.voters.get(resident__first_name="Unknown").age_checked is False
    assert ballot.voters.get(resident__first_name="Sixteen").age_checked is True


def test_only_residents_of_the_schemes_estates_with_a_proved_tenancy_are_on_the_register(ballot, estate):
    living_on(estate, first_name="Here")
    living_on(EstateFactory(name="Elsewhere"), first_name="Elsewhere")
    unproved = living_on(estate, first_name="Unproved")
    unproved.tenancy_verified_at = None
    unproved.save()

    assert register_compile(ballot=ballot) == 1
    assert register_compile(ballot=ballot) == 0, "working it out again adds nobody twice"
    assert set(registered(ballot)) == {"Here"}


def test_an_officer_adds_a_freeholder_with_a_reason_and_it_is_in_the_audit_trail(ballot, estate, officer):
    freeholder = living_on(estate, tenure=TenureType.PRIVATE_TENANT_OF_LEASEHOLDER, first_name="Freeholder")

    with pytest.raises(BallotRefused, match="Say why"):
        voter_add(ballot=ballot, resident=freeholder, reason="  ", officer=officer)
    voter = voter_add(ballot=ballot, resident=freeholder, reason="Bought the freehold in 2010", officer=officer)

    assert voter.basis == Voter.Basis.ADDED_BY_OFFICER
    entry = ballot.log.get()
    assert (entry.by, entry.voter, entry.what) == (officer, voter, "Added to the register: Bought the freehold in 2010")
    assert LogEntry.objects.get_for_object(voter).exists()


def test_an_officer_takes_someone_off_the_register_with_a_reason(ballot, estate, officer):
    living_on(estate, first_name="Moved")
    register_compile(ballot=ballot)
    voter = ballot.voters.get()

    voter_exclude(voter=voter, reason="Moved away before the offer", officer=officer)

    voter.refresh_from_db()
    assert voter.is_excluded and voter.excluded_by == officer
    assert ballot.log.filter(what="Taken off the register: Moved away before the offer", voter=voter).exists()
    with pytest.raises(BallotRefused, match="already off"):
        voter_exclude(voter=voter, reason="again", officer=officer)
