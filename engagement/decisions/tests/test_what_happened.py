"""Contributors hear on their own channel; a resident sees what happened to what they said."""

import pytest
from django.core import mail
from django.utils import timezone

from engagement.decisions.models import DecisionSource, DecisionStatusChange, Status
from engagement.decisions.services import contributions_of, decision_publish
from engagement.decisions.tests.factories import DecisionFactory
from engagement.messaging.models import Message
from engagement.models import Channel
from engagement.services.enquiries import enquiry_submit
from engagement.tests.factories import EstateFactory, ResidentFactory
from events.models import IssueCategory
from events.services.issues import issue_raise
from surveys.models import Invitation, Question
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db(transaction=True)


def _raise_issue(resident, location="Stairwell B"):
    return issue_raise(
        category=IssueCategory.objects.first(),
        location=location,
        description="The stairs are filthy",
        estate=EstateFactory(),
        raised_by=resident,
    )


def test_someone_who_wrote_without_an_account_hears_the_way_they_asked(django_capture_on_commit_callbacks):
    by_email = enquiry_submit(name="Sam Smith", email="sam@example.com", message="The bins are never emptied")
    by_phone = enquiry_submit(name="Pat Jones", reply_by="phone", phone="020 7946 0000", message="Bins again")
    decision = DecisionFactory()
    DecisionSource.objects.create(decision=decision, enquiry=by_email)
    DecisionSource.objects.create(decision=decision, enquiry=by_phone)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision)
    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision)

    told = Message.objects.filter(template="decisions.update")
    assert [(m.channel, m.to_address) for m in told] == [(Channel.EMAIL, "sam@example.com")]
    assert [m.to[0] for m in mail.outbox] == ["sam@example.com"] and "Dear Sam Smith" in mail.outbox[0].body


def test_respondents_to_an_anonymous_survey_are_not_messaged(client, django_capture_on_commit_callbacks):
    survey = SurveyFactory(is_anonymous=True)
    question = add_question(survey, Question.Kind.YES_NO, "Is the lift working?")
    respondent = opted_in_resident()
    survey_invite(survey=survey)
    answer_everything(client, Invitation.objects.get(resident=respondent).token, {question: "No"})
    decision = DecisionFactory()
    DecisionSource.objects.create(decision=decision, survey=survey)

    with django_capture_on_commit_callbacks(execute=True):
        decision_publish(decision=decision)

    assert not Message.objects.filter(template="decisions.update").exists()
    assert contributions_of(respondent) == []


def test_a_resident_sees_each_decision_their_contributions_led_to_and_no_one_elses(client):
    resident, other = ResidentFactory(), ResidentFactory()
    mine, theirs = _raise_issue(resident, "Stairwell B"), _raise_issue(other, "Car park")
    decision = DecisionFactory(title="Stairs cleaned weekly", published_at=timezone.now(), status=Status.AGREED)
    DecisionSource.objects.create(decision=decision, issue=mine)
    DecisionSource.objects.create(decision=decision, issue=theirs)
    draft = DecisionFactory(title="A draft")
    DecisionSource.objects.create(decision=draft, issue=mine)
    client.force_login(resident.user)

    page = client.get("/you-said-we-did/what-happened-to-what-you-said/").content.decode()
    account = client.get("/your-account/").content.decode()

    assert "Stairs cleaned weekly" in page and f"{mine.reference}, Stairwell B" in page and "Agreed" in page
    assert "Car park" not in page and "A draft" not in page
    assert "/you-said-we-did/what-happened-to-what-you-said/" in account


def test_what_happened_makes_the_same_queries_for_few_or_many(client, django_assert_max_num_queries):
    resident = ResidentFactory()
    client.force_login(resident.user)

    def add(count):
        for _ in range(count):
            decision = DecisionFactory(published_at=timezone.now())
            DecisionSource.objects.create(decision=decision, issue=_raise_issue(resident))
            DecisionStatusChange.objects.create(decision=decision, status=Status.CONSIDERING)

    add(2)
    with django_assert_max_num_queries(30) as few:
        client.get("/you-said-we-did/what-happened-to-what-you-said/")
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/you-said-we-did/what-happened-to-what-you-said/")
    assert page.content.decode().count("The issue you raised") == 12


def test_signing_in_is_needed_to_see_what_happened(client):
    response = client.get("/you-said-we-did/what-happened-to-what-you-said/")

    assert response.status_code == 302 and "/account/login/" in response["Location"]
