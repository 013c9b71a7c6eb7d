"""The ballot's pages for residents: the offer, voting with the code, and the result once published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.ballots.models import Ballot
from engagement.ballots.services import ballot_result_publish, vote_cast
from engagement.ballots.tests.conftest import codes_of
from engagement.ballots.tests.factories import BallotFactory
from engagement.ballots.views import WRONG_VOTING_CODES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    from django.core.cache import cache

    cache.clear()


def test_the_ballot_page_says_what_the_offer_is_and_when_voting_closes(client, open_ballot):
    page = client.get(f"/ballots/{open_ballot.slug}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Every council tenant gets a new home on the estate" in text
    assert "Voting is open. It closes" in text
    assert f"/ballots/{open_ballot.slug}/landlord-offer/" in text


def test_the_landlord_offer_is_served_once_published(client, open_ballot):
    response = client.get(f"/ballots/{open_ballot.slug}/landlord-offer/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_ballot_is_not_shown_before_its_offer_is_published(client):
    ballot = BallotFactory(offer_published_on=timezone.localdate() + timedelta(days=1))
    assert client.get(f"/ballots/{ballot.slug}/").status_code == 404
    assert client.get(f"/ballots/{ballot.slug}/landlord-offer/").status_code == 404


def test_a_resident_votes_with_the_code_from_their_letter(client, open_ballot):
    code = codes_of(open_ballot)["Ada"]

    response = client.post(f"/ballots/{open_ballot.slug}/vote/", {"code": code, "choice": "yes"})

    assert response.status_code == 302 and response["Location"] == f"/ballots/{open_ballot.slug}/voted/"
    assert open_ballot.papers.get().choice == "yes"
    assert "Your vote has been recorded" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter the voting code from your letter"),
        ("ZZZZ ZZZZ ZZZZ", "Enter the code exactly as it is on your letter"),
        ("used", "This code has already been used to vote"),
    ],
)
def test_a_wrong_or_used_code_is_explained_at_the_field_keeping_what_was_typed(client, open_ballot, code, message):
    if code == "used":
        code = codes_of(open_ballot)["Bo"]
        vote_cast(ballot=open_ballot, code=code, choice=Ballot.Choice.NO)

    response = client.post(f"/ballots/{open_ballot.slug}/vote/", {"code": code, "choice": "yes"})

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count(message) == 2, "in the error summary and at the field"
    if code:
        assert f'value="{code}"' in text
    assert open_ballot.papers.count() == (1 if code and message.startswith("This code") else 0)


def test_a_vote_without_a_choice_says_so(client, open_ballot):
    response = client.post(f"/ballots/{open_ballot.slug}/vote/", {"code": codes_of(open_ballot)["Ada"]})
    assert "Select yes or no" in response.content.decode()
    assert not open_ballot.papers.exists()


def test_wrong_codes_are_limited_per_address(client, open_ballot):
    for _ in range(WRONG_VOTING_CODES.limit()):
        client.post(f"/ballots/{open_ballot.slug}/vote/", {"code": "ZZZZ ZZZZ ZZZZ", "choice": "yes"})

    response = client.post(
        f"/ballots/{open_ballot.slug}/vote/", {"code": codes_of(open_ballot)["Ada"], "choice": "yes"}
    )

    assert response.status_code == 429
    assert "There have been too many tries" in response.content.decode()
    assert not open_ballot.papers.exists()


def test_the_result_is_shown_only_once_published_after_the_close(client, open_ballot):
    codes = codes_of(open_ballot)
    vote_cast(ballot=open_ballot, code=codes["Ada"], choice=Ballot.Choice.YES)
    vote_cast(ballot=open_ballot, code=codes["Bo"], choice=Ballot.Choice.YES)
    assert "Residents voted" not in client.get(f"/ballots/{open_ballot.slug}/").content.decode()

    Ballot.objects.filter(pk=open_ballot.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    open_ballot.refresh_from_db()
    closed = client.get(f"/ballots/{open_ballot.slug}/").content.decode()
    assert "Voting closed" in closed and "Residents voted" not in closed
    assert "Voting has closed" in client.get(f"/ballots/{open_ballot.slug}/vote/").content.decode()

    ballot_result_publish(ballot=open_ballot)
    published = client.get(f"/ballots/{open_ballot.slug}/").content.decode()
    assert "Residents voted yes" in published
    assert "2 of 3 eligible residents voted (66.7%)" in published
