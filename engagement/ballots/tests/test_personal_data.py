import pytest

from engagement.ballots.models import Ballot
from engagement.ballots.personal_data import ballots_erase, register_entries, voted
from engagement.ballots.services import vote_cast, voter_exclude
from engagement.ballots.tests.conftest import codes_of
from engagement.redaction import Redactor

pytestmark = pytest.mark.django_db


def test_a_voter_downloads_whether_they_voted_never_how(open_ballot):
    vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Ada"], choice=Ballot.Choice.NO)
    ada = open_ballot.voters.get(resident__first_name="Ada").resident

    [entry] = register_entries(ada)

    assert entry["ballot"] == "Achilles Street regeneration" and entry["voted"] is not None
    assert entry["method_of_voting"] == "Online"
    assert "no" not in {str(value).lower() for value in entry.values()}


def test_erasing_a_resident_takes_their_name_out_of_officers_reasons(open_ballot, officer):
    voter = open_ballot.voters.get(resident__first_name="Cy")
    voter_exclude(voter=voter, reason=f"{voter.resident.full_name} moved out", officer=officer)

    ballots_erase(voter.resident, Redactor.for_resident(voter.resident))

    voter.refresh_from_db()
    assert voter.resident.full_name not in voter.excluded_reason
    assert voter.resident.full_name not in open_ballot.log.get(voter=voter).what


def test_voting_counts_as_taking_part(open_ballot):
    vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Bo"], choice=Ballot.Choice.YES)

    [rows] = list(voted())

    assert [row.resident.first_name for row in rows] == ["Bo"]
