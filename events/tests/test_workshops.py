"""Workshop topics: suggested, supported, and turned into workshops (supporters are told)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, WorkshopSuggestion
from events.services.workshops import (
    suggestion_moderate,
    suggestion_submit,
    suggestion_support,
    suggestion_to_workshop,
)
from events.tests import bulk
from events.tests.helpers import outbox

pytestmark = pytest.mark.django_db


def test_a_resident_suggests_a_topic_and_others_support_it(resident_client, resident, other_resident, client, officer):
    resident_client.post(
        "/whats-on/workshops/suggest/", {"topic": "Making repairs appointments work", "details": "Missed visits"}
    )
    suggestion = WorkshopSuggestion.objects.get()
    assert suggestion.suggested_by == resident
    assert suggestion.supports.count() == 1  # the suggester supports their own topic
    suggestion_moderate(suggestion=suggestion, publish=True, by=officer)

    client.force_login(other_resident.user)
    client.post(f"/whats-on/workshops/suggestions/{suggestion.pk}/support/")
    client.post(f"/whats-on/workshops/suggestions/{suggestion.pk}/support/")

    assert suggestion.supports.count() == 2
    page = client.get("/whats-on/workshops/suggestions/").content.decode()
    assert "2 supporters" in page and "You support this" in page


def test_a_topic_without_words_is_explained(resident_client):
    page = resident_client.post("/whats-on/workshops/suggest/", {"topic": "", "details": "Kept"}).content.decode()
    assert "Enter a topic" in page and "Kept" in page


def test_turning_a_suggestion_into_a_workshop_tells_every_supporter(resident, other_resident, run_on_commit):
    suggestion = suggestion_submit(topic="Damp and mould", resident=resident)
    suggestion_support(suggestion=suggestion, resident=other_resident)
    stakeholder = suggestion_submit(
        topic="Energy advice", stakeholder_name="Green Homes CIC", stakeholder_email="hello@example.org"
    )
    starts = timezone.now() + timedelta(days=20)

    workshop = run_on_commit(
        suggestion_to_workshop,
        suggestion=suggestion,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        format=Event.Format.ONLINE,
        joining_link="https://meet.example.com/w",
    )
    run_on_commit(
        suggestion_to_workshop,
        suggestion=stakeholder,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        format=Event.Format.ONLINE,
    )

    assert (workshop.kind, workshop.status, workshop.title) == (
        Event.Kind.WORKSHOP,
        Event.Status.PUBLISHED,
        "Workshop: Damp and mould",
    )
    assert sorted(m.to[0] for m in outbox()) == sorted([resident.email, other_resident.email, "hello@example.org"])
    suggestion.refresh_from_db()
    assert suggestion.status == WorkshopSuggestion.Status.SCHEDULED


def test_the_suggestions_page_uses_the_same_number_of_queries_with_50_topics_as_with_500(
    resident_client, django_assert_max_num_queries
):
    def visit():
        page = resident_client.get("/whats-on/workshops/suggestions/").content.decode()
        assert page.count("Topic ") >= WorkshopSuggestion.objects.count()

    bulk.queries_stay_the_same(django_assert_max_num_queries, bulk.suggestions, visit, ceiling=20)


def test_a_partner_without_an_account_can_suggest_a_topic_which_waits_for_an_officer(client):
    page = client.post("/whats-on/workshops/suggest/", {"topic": "Food bank referrals"}).content.decode()
    assert "Enter your name and organisation" in page and "Food bank referrals" in page

    client.post(
        "/whats-on/workshops/suggest/",
        {
            "topic": "Food bank referrals",
            "stakeholder_name": "Sam Lee, Deptford Food Bank",
            "stakeholder_email": "sam@example.org",
        },
    )

    suggestion = WorkshopSuggestion.objects.get()
    assert (suggestion.suggested_by, suggestion.stakeholder_email, suggestion.published) == (
        None,
        "sam@example.org",
        False,
    )
    assert "Food bank referrals" not in client.get("/whats-on/workshops/suggestions/").content.decode()


HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "<script>alert(1)</script>", "🔥🔥🔥"]


@pytest.mark.parametrize("topic", HOSTILE)
def test_nothing_suggested_is_public_until_a_moderator_approves_it_in_admin(resident_client, client, officer, topic):
    resident_client.post("/whats-on/workshops/suggest/", {"topic": topic})
    suggestion = WorkshopSuggestion.objects.get()
    public = client.get("/whats-on/workshops/suggestions/").content.decode()
    assert "No topics yet" in public
    assert "HYPERLINK" not in public and "alert(1)" not in public and "🔥" not in public
    assert client.post(f"/whats-on/workshops/suggestions/{suggestion.pk}/support/").status_code in (302, 404)

    client.force_login(officer)
    changelist = "/admin/events/workshopsuggestion/"
    client.post(changelist, {"action": "publish", "_selected_action": [suggestion.pk]})
    suggestion.refresh_from_db()
    assert suggestion.published and suggestion.moderated_by == officer
    client.logout()
    approved = client.get("/whats-on/workshops/suggestions/").content.decode()
    assert "No topics yet" not in approved and "<script>alert(1)" not in approved

    client.force_login(officer)
    client.post(changelist, {"action": "unpublish", "_selected_action": [suggestion.pk]})
    suggestion.refresh_from_db()
    assert not suggestion.published
    client.logout()
    page = client.get("/whats-on/workshops/suggestions/").content.decode()
    assert "alert(1)" not in page and "🔥" not in page and "HYPERLINK" not in page


def test_the_suggester_is_told_a_moderator_reads_it_first(resident_client):
    page = resident_client.post("/whats-on/workshops/suggest/", {"topic": "Composting"}, follow=True).content.decode()

    assert "A moderator will read it before others can see and support it." in page
