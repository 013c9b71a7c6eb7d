"""The public register: anyone can read it, filter it and follow it; it names no one."""

import pytest
from django.utils import timezone

from engagement.decisions.models import DecisionSource, DecisionStatusChange, Status, Topic
from engagement.decisions.tests.factories import DecisionFactory
from engagement.models import ContactEnquiry
from engagement.tests.factories import EstateFactory, ResidentFactory, WardFactory
from events.models import IssueCategory
from events.services.issues import issue_raise

pytestmark = pytest.mark.django_db


def published(**fields):
    decision = DecisionFactory(published_at=timezone.now(), **fields)
    DecisionStatusChange.objects.create(decision=decision, status=decision.status)
    return decision


def test_only_published_decisions_are_listed_and_anyone_can_read_them(client):
    published(title="Bin stores lit at night")
    DecisionFactory(title="Still a draft")

    page = client.get("/you-said-we-did/").content.decode()

    assert "Bin stores lit at night" in page and "Still a draft" not in page


def test_the_register_filters_by_ward_estate_topic_and_status(client):
    ward = WardFactory(name="Evelyn")
    estate = EstateFactory(name="Pepys", ward=ward)
    on_the_estate = published(title="Pepys lifts", topic=Topic.REPAIRS, status=Status.AGREED)
    on_the_estate.estates.add(estate)
    for_the_ward = published(title="Evelyn ward lighting", topic=Topic.ESTATE, status=Status.DONE)
    for_the_ward.wards.add(ward)
    published(title="Borough rent letters", topic=Topic.RENTS, status=Status.DONE)

    def titles(query):
        page = client.get(f"/you-said-we-did/?{query}").content.decode()
        return {title for title in ("Pepys lifts", "Evelyn ward lighting", "Borough rent letters") if title in page}

    assert titles(f"ward={ward.pk}") == {"Pepys lifts", "Evelyn ward lighting"}
    assert titles(f"estate={estate.pk}") == {"Pepys lifts"}
    assert titles("topic=rents") == {"Borough rent letters"}
    assert titles("status=done") == {"Evelyn ward lighting", "Borough rent letters"}
    assert titles("status=nonsense") == {"Pepys lifts", "Evelyn ward lighting", "Borough rent letters"}


def test_a_decision_page_shows_its_sources_and_history_without_naming_anyone(client):
    raiser = ResidentFactory(first_name="Agatha", last_name="Quill")
    issue = issue_raise(
        category=IssueCategory.objects.first(),
        location="Outside 14 Quill House",
        description="Agatha's door is broken",
        estate=EstateFactory(name="Pepys"),
        raised_by=raiser,
    )
    enquiry = ContactEnquiry.objects.create(name="Bartholomew Zed", email="bz@example.com", message="My bins!")
    decision = published(title="Doors fixed faster", status=Status.IN_PROGRESS, how_many=12)
    DecisionSource.objects.create(decision=decision, issue=issue)
    DecisionSource.objects.create(decision=decision, enquiry=enquiry)
    DecisionStatusChange.objects.create(decision=decision, status=Status.DONE, note="All doors done.")

    page = client.get(f"/you-said-we-did/{decision.pk}/").content.decode()

    assert issue.reference in page and "A message to community relations" in page
    assert "12 residents told us" in page and "All doors done." in page
    for personal in ("Agatha", "Quill", "Bartholomew", "bz@example.com", "My bins", "Outside 14"):
        assert personal not in page


def test_a_draft_decision_page_is_not_found(client):
    assert client.get(f"/you-said-we-did/{DecisionFactory().pk}/").status_code == 404


def test_the_feed_lists_published_decisions_with_their_status(client):
    published(title="Bin stores lit at night", status=Status.AGREED)
    DecisionFactory(title="Still a draft")

    feed = client.get("/you-said-we-did/feed/")

    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Bin stores lit at night (Agreed)" in body and "Still a draft" not in body


def test_the_old_you_said_we_did_address_leads_to_the_register(client):
    response = client.get("/sounding-board/you-said-we-did/")

    assert response.status_code == 301 and response["Location"] == "/you-said-we-did/"


@pytest.mark.parametrize("url", ["/you-said-we-did/", "/you-said-we-did/feed/", "detail"])
def test_register_pages_make_the_same_queries_for_few_or_many(client, django_assert_max_num_queries, url):
    ward = WardFactory()

    def add(count):
        for _ in range(count):
            decision = published()
            decision.wards.add(ward)
            decision.estates.add(EstateFactory(ward=ward))
            DecisionSource.objects.create(decision=decision, note="A TRA meeting")
            DecisionStatusChange.objects.create(decision=decision, status=Status.DONE)
        return decision

    decision = add(3)
    address = f"/you-said-we-did/{decision.pk}/" if url == "detail" else url
    with django_assert_max_num_queries(20) as few:
        assert client.get(address).status_code == 200
    add(22)
    if url == "detail":
        decision.estates.add(*[EstateFactory(ward=ward) for _ in range(5)])
        for _ in range(5):
            DecisionSource.objects.create(decision=decision, note="Another meeting")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(address).status_code == 200
