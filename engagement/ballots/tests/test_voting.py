"""Casting votes: one per voter, secret, and counted only once voting has closed."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, models
from django.utils import timezone

from engagement.ballots.models import Ballot, BallotPaper, Voter
from engagement.ballots.services import BallotRefused, ballot_result, ballot_turnout, vote_cast, voting_letters_send
from engagement.ballots.tests.conftest import codes_of
from engagement.messaging.models import Message
from engagement.models import Channel

pytestmark = pytest.mark.django_db


def test_every_voter_is_sent_a_unique_code_by_letter(open_ballot):
    letters = Message.objects.filter(batch=open_ballot.letters)

    assert {letter.channel for letter in letters} == {Channel.POST}
    codes = codes_of(open_ballot)
    assert len(set(codes.values())) == 3
    assert all(len(code.replace(" ", "")) == 12 for code in codes.values())
    assert not Voter.objects.filter(ballot=open_ballot, code_hash="").exists()
    assert not any(code in voter.code_hash for voter in open_ballot.voters.all() for code in codes.values())
    with pytest.raises(BallotRefused, match="Everyone on the register has been sent a code"):
        voting_letters_send(ballot=open_ballot)


def test_a_code_votes_once(open_ballot):
    code = codes_of(open_ballot)["Ada"]

    vote_cast(ballot=open_ballot, code=code.lower().replace(" ", ""), choice=Ballot.Choice.YES)
    with pytest.raises(BallotRefused, match="already been used") as refused:
        vote_cast(ballot=open_ballot, code=code, choice=Ballot.Choice.NO)

    assert refused.value.code == "used"
    assert list(open_ballot.papers.values_list("choice", flat=True)) == ["yes"]
    ada = open_ballot.voters.get(resident__first_name="Ada")
    assert ada.has_voted and ada.voted_by == Voter.Method.ONLINE


def test_a_vote_counts_towards_the_reach_report_at_once_without_how(open_ballot):
    from engagement.models import ResidentInvolvement

    vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Ada"], choice=Ballot.Choice.YES)

    ada = open_ballot.voters.get(resident__first_name="Ada").resident
    assert ResidentInvolvement.objects.get(resident=ada).ways == {"ballots": timezone.localdate().isoformat()}


def test_a_wrong_code_or_a_closed_ballot_is_refused(open_ballot):
    with pytest.raises(BallotRefused) as refused:
        vote_cast(ballot=open_ballot, code="AAAA BBBB CCCC", choice=Ballot.Choice.YES)
    assert refused.value.code == "wrong_code"

    open_ballot.closes_at = timezone.now() - timedelta(minutes=1)
    with pytest.raises(BallotRefused, match="Voting has closed"):
        vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Bo"], choice=Ballot.Choice.YES)
    assert not open_ballot.papers.exists()


def test_a_voter_taken_off_the_register_cannot_vote(open_ballot, officer):
    from engagement.ballots.services import voter_exclude

    voter_exclude(voter=open_ballot.voters.get(resident__first_name="Cy"), reason="Moved out", officer=officer)

    with pytest.raises(BallotRefused) as refused:
        vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Cy"], choice=Ballot.Choice.NO)
    assert refused.value.code == "excluded"
    assert ballot_turnout(open_ballot).eligible == 2


def test_a_ballot_paper_holds_nothing_that_leads_back_to_its_voter():
    fields = {field.name for field in BallotPaper._meta.get_fields()}
    assert fields == {"id", "ballot", "choice"}
    assert isinstance(BallotPaper._meta.pk, models.UUIDField), "no sequence number to line up with the order of voting"
    # Nothing else points at a ballot paper either.
    assert not BallotPaper._meta.related_objects


def test_papers_cannot_be_matched_to_voters_by_their_order(open_ballot):
    codes = codes_of(open_ballot)
    for name in ("Ada", "Bo", "Cy"):
        vote_cast(ballot=open_ballot, code=codes[name], choice=Ballot.Choice.YES if name != "Bo" else Ballot.Choice.NO)

    # The only order papers have is their random key.
    ids = list(open_ballot.papers.values_list("id", flat=True))
    assert len({paper.version for paper in ids}) == 1 and ids[0].version == 4


def test_turnout_is_live_and_the_result_waits_for_the_close(open_ballot):
    codes = codes_of(open_ballot)
    vote_cast(ballot=open_ballot, code=codes["Ada"], choice=Ballot.Choice.YES)
    vote_cast(ballot=open_ballot, code=codes["Bo"], choice=Ballot.Choice.NO, method=Voter.Method.PHONE, entered_by=None)

    turnout = ballot_turnout(open_ballot)
    assert (turnout.voted, turnout.eligible, turnout.percentage) == (2, 3, 66.7)
    assert turnout.by_method["Online"] == 1 and turnout.by_method["By phone"] == 1
    with pytest.raises(BallotRefused, match="once voting has closed"):
        ballot_result(open_ballot)

    result = ballot_result(open_ballot, now=open_ballot.closes_at)
    assert (result.yes, result.no, result.in_favour) == (1, 1, False)


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_code_at_once_count_once(open_ballot):
    code = codes_of(open_ballot)["Ada"]
    start = threading.Barrier(2)
    outcomes = []

    def submit(choice):
        try:
            start.wait()
            vote_cast(ballot=open_ballot, code=code, choice=choice)
            outcomes.append("counted")
        except BallotRefused as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(choice,)) for choice in (Ballot.Choice.YES, Ballot.Choice.NO)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["counted", "used"]
    assert open_ballot.papers.count() == 1
    assert open_ballot.voters.filter(voted_at__isnull=False).count() == 1


def test_a_voter_who_lost_their_letter_is_sent_a_new_code_and_the_old_one_stops_working(open_ballot, officer):
    from engagement.ballots.services import voter_code_reissue

    ada = open_ballot.voters.get(resident__first_name="Ada")
    old = codes_of(open_ballot)["Ada"]

    voter_code_reissue(voter=ada, officer=officer)

    letter = Message.objects.get(idempotency_key=f"ballots.voting_code:{open_ballot.pk}:{ada.resident_id}:again:1")
    assert letter.channel == Channel.POST
    with pytest.raises(BallotRefused) as refused:
        vote_cast(ballot=open_ballot, code=old, choice=Ballot.Choice.YES)
    assert refused.value.code == "wrong_code"
    vote_cast(ballot=open_ballot, code=letter.personalisation["voting_code"], choice=Ballot.Choice.YES)
    assert open_ballot.papers.count() == 1
    assert open_ballot.log.filter(voter=ada, what__startswith="New voting code").exists()
    with pytest.raises(BallotRefused, match="already voted"):
        voter_code_reissue(voter=ada, officer=officer)
