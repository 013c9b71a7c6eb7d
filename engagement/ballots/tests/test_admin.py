"""Officers and the independent body's staff through the real admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement import roles
from engagement.ballots.models import Ballot, Voter
from engagement.ballots.services import paper_rows, register_compile, vote_cast
from engagement.ballots.tests.conftest import codes_of
from engagement.ballots.tests.factories import BallotFactory, SchemeFactory
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    StaffFactory,
    TenancyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot_body(client):
    staff = StaffFactory(email="count@civica.example", role=roles.BALLOT_BODY)
    client.force_login(staff)
    return client


def test_an_officer_works_out_the_register_and_sends_the_codes_from_the_ballots_page(officer_client):
    estate = EstateFactory()
    ballot = BallotFactory(scheme=SchemeFactory(estates=[estate]))
    ResidentFactory(first_name="Tia", tenancy=TenancyFactory(home=HomeFactory(block=BlockFactory(estate=estate))))
    change = reverse("admin:ballots_ballot_change", args=[ballot.pk])
    page = officer_client.get(change).content.decode()
    assert "Work out the register from the tenancy data" in page
    assert "0 of 0 eligible voters have voted" in page

    for action in ("compile_register", "send_codes"):
        url = reverse("admin:ballots_ballot_change_action", args=[ballot.pk, action])
        assert officer_client.post(url, {"confirm": "yes"}).status_code == 302

    ballot.refresh_from_db()
    assert ballot.voters.get().resident.first_name == "Tia"
    assert ballot.letters.recorded == 1
    page = officer_client.get(change).content.decode()
    assert "1 letters" in page and "Counted once voting has closed." in page
    assert [entry.what for entry in ballot.log.all()] == [
        "Register worked out from the tenancy data: 1 added",
        "Voting codes sent by letter: 1",
    ]


def test_an_officer_adds_someone_only_with_a_reason(officer_client, officer):
    ballot = BallotFactory()
    freeholder = ResidentFactory(first_name="Fay")
    url = reverse("admin:ballots_voter_add")

    refused = officer_client.post(url, {"ballot": ballot.pk, "resident": freeholder.pk, "added_reason": ""})
    assert "Say why they may vote" in refused.content.decode()
    officer_client.post(url, {"ballot": ballot.pk, "resident": freeholder.pk, "added_reason": "Freeholder since 2009"})

    voter = ballot.voters.get()
    assert (voter.basis, voter.added_by) == (Voter.Basis.ADDED_BY_OFFICER, officer)
    assert ballot.log.get().what == "Added to the register: Freeholder since 2009"


def test_an_officer_takes_someone_off_the_register_with_a_reason(officer_client, open_ballot):
    voter = open_ballot.voters.get(resident__first_name="Cy")
    url = reverse("admin:ballots_voter_changelist")

    officer_client.post(url, {"action": "exclude", "_selected_action": [voter.pk], "apply": "1", "reason": "Died"})

    voter.refresh_from_db()
    assert voter.is_excluded and voter.excluded_reason == "Died"


def test_the_independent_body_enters_a_postal_vote_and_a_used_code_is_refused_at_the_field(ballot_body, open_ballot):
    url = reverse("admin:ballots_ballot_enter_vote", args=[open_ballot.pk])
    code = codes_of(open_ballot)["Ada"]

    response = ballot_body.post(url, {"method": "post", "code": code, "choice": "no"})
    assert response.status_code == 302
    again = ballot_body.post(url, {"method": "phone", "code": code, "choice": "yes"})

    assert "This code has already been used to vote" in again.content.decode()
    assert list(open_ballot.papers.values_list("choice", flat=True)) == ["no"]
    ada = open_ballot.voters.get(resident__first_name="Ada")
    assert ada.voted_by == Voter.Method.POST
    assert open_ballot.log.filter(what="Vote entered by the independent body: by post", voter=ada).exists()


def test_only_the_independent_body_enters_votes(officer_client, open_ballot):
    url = reverse("admin:ballots_ballot_enter_vote", args=[open_ballot.pk])
    assert officer_client.get(url).status_code == 403


def test_the_scrutineer_export_has_the_marked_register_and_papers_only_after_the_close(officer_client, open_ballot):
    vote_cast(ballot=open_ballot, code=codes_of(open_ballot)["Bo"], choice=Ballot.Choice.YES)
    response = officer_client.get(reverse("admin:ballots_ballot_export", args=[open_ballot.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()

    assert lines[0].startswith("Voter,Address,Postcode,Eligible as")
    assert len(lines) == 4
    bo = next(line for line in lines if line.startswith("Bo "))
    assert bo.endswith(",Online") and "yes" not in bo.lower().split(",")[-1]

    assert list(paper_rows(open_ballot)) == [["Ballot paper", "Vote"]]
    Ballot.objects.filter(pk=open_ballot.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    open_ballot.refresh_from_db()
    assert [row[1] for row in list(paper_rows(open_ballot))[1:]] == ["Yes"]
    xlsx = officer_client.get(reverse("admin:ballots_ballot_export", args=[open_ballot.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert open_ballot.log.filter(what__startswith="Register and ballot papers downloaded").count() == 2


def test_the_register_list_reads_the_same_queries_however_many_are_on_it(officer_client, open_ballot):
    url = reverse("admin:ballots_voter_changelist")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(url).status_code == 200
        return len(captured)

    before = queries()
    estate = open_ballot.scheme.estates.get()
    for name in ("Di", "Ed", "Flo"):
        ResidentFactory(first_name=name, tenancy=TenancyFactory(home=HomeFactory(block=BlockFactory(estate=estate))))
    Ballot.objects.filter(pk=open_ballot.pk).update(letters=None)
    open_ballot.refresh_from_db()
    register_compile(ballot=open_ballot)

    assert open_ballot.voters.count() == 6
    assert queries() == before


def test_an_officer_sends_a_new_code_to_a_voter_who_lost_their_letter(officer_client, open_ballot):
    voter = open_ballot.voters.get(resident__first_name="Bo")
    old_hash = voter.code_hash

    response = officer_client.post(
        reverse("admin:ballots_voter_changelist"), {"action": "send_new_code", "_selected_action": [voter.pk]}
    )

    assert response.status_code == 302
    voter.refresh_from_db()
    assert voter.code_hash and voter.code_hash != old_hash
