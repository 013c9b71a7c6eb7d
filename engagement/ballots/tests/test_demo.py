import pytest

from engagement import demo as core_demo
from engagement.ballots import demo
from engagement.ballots.models import Ballot, BallotPaper, Voter
from engagement.messaging.models import Message

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(model.objects.count() for model in (Ballot, Voter, BallotPaper, Message))


def test_the_demo_has_an_open_ballot_with_votes_in_and_loading_it_again_changes_nothing(client):
    core_demo.load()
    demo.load()
    first = _counts()
    demo.load()

    assert _counts() == first
    ballot = Ballot.objects.get(slug=demo.SLUG)
    assert ballot.is_open()
    assert ballot.scheme.steering_group.kind == "regeneration_steering_group"
    voters = ballot.voters.count()
    assert voters > 5 and 0 < ballot.papers.count() < voters
    page = client.get(ballot.get_absolute_url())
    assert page.status_code == 200 and "Whitefoot Lane steering group" in page.content.decode()
