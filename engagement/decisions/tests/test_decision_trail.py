"""A decision, its sources and its dated history: recorded in admin, told to everyone behind it once."""

import pytest
from django.core import mail

from engagement.decisions.models import Decision, DecisionSource, Status
from engagement.decisions.services import (
    contributor_ids,
    decision_create,
    decision_publish,
    decision_record_status,
)
from engagement.decisions.tests.factories import DecisionFactory
from engagement.messaging.models import Message
from engagement.tests.admin_forms import read_form
from engagement.tests.factories import EstateFactory, ResidentFactory
from events.models import IssueCategory
from events.services.issues import issue_raise
from events.tests.factories import BookingFactory, EventFactory
from surveys.models import Invitation, Question
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, TopicFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def answered_survey(client):
    survey = SurveyFactory(title="Caretaking on your estate", slug="caretaking")
    question = add_question(survey, Question.Kind.YES_NO, "Are the stairs cleaned every week?")
    took_part = [opted_in_resident() for _ in range(2)]
    opted_in_resident()  # invited, never answered
    survey_invite(survey=survey)
    for resident in took_part:
        answer_everything(client, Invitation.objects.get(resident=resident).token, {question: "No"})
    return survey, took_part


@pytest.fixture
def walkabout_issue():
    raiser = ResidentFactory(email="raiser@example.com")
    issue = issue_raise(
        category=IssueCategory.objects.first(),
        location="Stairwell B",
        description="The stairs are filthy",
        estate=EstateFactory(name="Evelyn Gardens"),
        raised_by=raiser,
    )
    return issue, raiser


def _told():
    return Message.objects.filter(template="decisions.update")


def test_everyone_behind_a_survey_and_an_issue_is_told_once_on_publish_and_once_per_change(
    answered_survey, walkabout_issue, django_capture_on_commit_callbacks
):
    survey, took_part = answered_survey
    issue, raiser = walkabout_issue
    decision = DecisionFactory()
    DecisionSource.objects.create(decision=decision, survey=survey)
    DecisionSource.objects.create(decision=decision, issue=issue)
    # The same resident behind two sources hears once.
    DecisionSource.objects.create(decision=decision, topic=TopicFactory(started_by_resident=took_part[0]))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision)
    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision)  # again: nobody hears twice

    assert sorted(_told().values_list("resident_id", flat=True)) == sorted(r.pk for r in [*took_part, raiser])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in [*took_part, raiser])
    assert "Caretakers now clean" in mail.outbox[0].body and "Thank you for telling us" in mail.outbox[0].body

    decision.refresh_from_db()
    decision.status = Status.IN_PROGRESS
    decision.save()

    with django_capture_on_commit_callbacks(execute=True):
        decision_record_status(decision=decision, by=None, note="Rota agreed with caretakers.")
        decision_record_status(decision=decision, by=None)  # the same status again records nothing

    assert _told().count() == 6
    assert decision.history.count() == 2
    assert "In progress" in mail.outbox[-1].subject and "Rota agreed" in mail.outbox[-1].body


def test_no_one_is_told_before_it_is_published(walkabout_issue, django_capture_on_commit_callbacks):
    issue, _ = walkabout_issue
    decision = decision_create(by=None, title="Lights", you_said="Dark", we_did="Lights", topic="estate")
    DecisionSource.objects.create(decision=decision, issue=issue)
    decision.status = Status.AGREED
    decision.save()

    with django_capture_on_commit_callbacks(execute=True):
        decision_record_status(decision=decision, by=None)

    assert not _told().exists()
    assert [change.status for change in decision.history.all()] == ["considering", "agreed"]


def test_attendees_of_a_linked_workshop_are_behind_it_but_those_who_did_not_come_are_not():
    came, did_not_come = ResidentFactory(), ResidentFactory()
    workshop = EventFactory()
    BookingFactory(event=workshop, resident=came, attendance="attended")
    BookingFactory(event=workshop, resident=did_not_come, attendance="no_show")
    decision = DecisionFactory()
    DecisionSource.objects.create(decision=decision, event=workshop)

    assert contributor_ids(decision) == {came.pk}


def test_a_source_links_to_one_thing_at_most(walkabout_issue):
    from django.db import IntegrityError

    issue, _ = walkabout_issue
    with pytest.raises(IntegrityError):
        DecisionSource.objects.create(decision=DecisionFactory(), issue=issue, event=EventFactory())


def test_an_officer_records_a_decision_with_its_sources_and_changes_its_status_in_admin(
    client, officer, walkabout_issue, django_capture_on_commit_callbacks
):
    issue, raiser = walkabout_issue
    client.force_login(officer)
    page = read_form(client.get("/admin/decisions/decision/add/").content.decode(), "decision_form")
    data = page.post_data(submit="_continue")
    data.update(
        {
            "title": ["Stairwells cleaned every week"],
            "topic": ["estate"],
            "you_said": ["The stairs are filthy."],
            "how_many": ["1"],
            "we_did": ["Weekly cleaning."],
            "status": ["considering"],
        }
    )
    issues = next(name for name in data if name.endswith("TOTAL_FORMS") and "sources-2" in name)
    prefix = issues.removesuffix("-TOTAL_FORMS")
    data[issues] = ["1"]
    data[f"{prefix}-0-issue"] = [str(issue.pk)]
    data[f"{prefix}-0-note"] = ["Stairwell B"]

    added = client.post("/admin/decisions/decision/add/", data)

    assert added.status_code == 302, added.context["adminform"].form.errors
    decision = Decision.objects.get()
    assert decision.created_by == officer and decision.sources.get().issue == issue
    assert [change.status for change in decision.history.all()] == ["considering"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/decisions/decision/{decision.pk}/action/publish/", {"confirm": "1"})
    url = f"/admin/decisions/decision/{decision.pk}/change/"
    page = read_form(client.get(url).content.decode(), "decision_form")
    data = page.post_data(submit="_save")
    data["status"] = ["not_doing"]
    refused = client.post(url, data)
    assert "Say why we will not do this" in refused.content.decode()

    data["reason_not_doing"] = ["The cleaning contract cannot change until April."]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    assert [change.status for change in decision.history.all()] == ["considering", "not_doing"]
    assert decision.history.last().note == "The cleaning contract cannot change until April."
    assert list(_told().values_list("resident_id", flat=True)) == [raiser.pk, raiser.pk]
    assert "We will not do this" in mail.outbox[-1].subject


def test_each_kind_of_source_is_listed_in_admin_from_the_one_table_of_kinds():
    from django.contrib import admin as django_admin

    from engagement.decisions.models import SOURCE_KINDS

    inlines = django_admin.site._registry[Decision].inlines
    linked = [inline.link for inline in inlines if getattr(inline, "link", "")]
    assert linked == list(SOURCE_KINDS)
    assert [inline.verbose_name_plural for inline in inlines[: len(linked)]] == [
        kind.plural for kind in SOURCE_KINDS.values()
    ]
