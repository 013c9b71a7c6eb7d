import pytest
from django.core import mail
from django.utils import timezone

from engagement.messaging.models import Message
from surveys.models import Invitation, Question, YouSaidWeDid
from surveys.services.feedback import you_said_we_did_publish, you_said_we_did_tell_participants
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def answered_survey(client):
    survey = SurveyFactory(title="Caretaking on your estate", slug="caretaking")
    question = add_question(survey, Question.Kind.YES_NO, "Are the stairs cleaned every week?")
    took_part = [opted_in_resident() for _ in range(2)]
    did_not = opted_in_resident()
    survey_invite(survey=survey)
    for resident in took_part:
        answer_everything(client, Invitation.objects.get(resident=resident).token, {question: "No"})
    mail.outbox.clear()
    return survey, took_part, did_not


def entry_for(survey, **fields):
    return YouSaidWeDid.objects.create(
        title="Stairs cleaned every week",
        you_said="Stairwells were not being cleaned often enough.",
        we_did="Caretakers now clean every stairwell every Tuesday, and we check it.",
        survey=survey,
        **fields,
    )


def test_publishing_shows_it_on_the_public_page_and_tells_everyone_who_took_part_once(client, answered_survey):
    survey, took_part, did_not = answered_survey
    entry = entry_for(survey)

    you_said_we_did_publish(entry=entry)
    you_said_we_did_publish(entry=entry)
    told_again = you_said_we_did_tell_participants(entry_id=entry.pk)

    page = client.get("/sounding-board/you-said-we-did/").content.decode()
    assert "Stairs cleaned every week" in page and "every Tuesday" in page and "Caretaking on your estate" in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in took_part)
    assert "every Tuesday" in mail.outbox[0].body
    assert Message.objects.filter(template="surveys.you_said_we_did").count() == 2
    assert told_again == 2  # found again, but the messages already exist: nothing is sent twice
    assert len(mail.outbox) == 2
    entry.refresh_from_db()
    assert entry.participants_told_at is not None


def test_an_anonymous_surveys_participants_are_told_too(client, answered_survey):
    survey, took_part, _ = answered_survey
    survey.is_anonymous = True
    survey.save()

    you_said_we_did_publish(entry=entry_for(survey))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in took_part)


def test_drafts_are_not_on_the_public_page(client, answered_survey):
    survey, *_ = answered_survey
    entry_for(survey)

    page = client.get("/sounding-board/you-said-we-did/").content.decode()

    assert "Stairs cleaned every week" not in page and "Nothing has been published yet" in page


def test_a_change_from_a_panel_or_walkabout_has_a_title_and_an_optional_link(client):
    YouSaidWeDid.objects.create(
        title="Damp checks within 10 days",
        you_said="Damp reports waited too long for a visit.",
        we_did="Every damp report now gets a visit within 10 working days.",
        source_title="Damp and mould panel",
        link_url="https://example.gov.uk/damp",
        link_text="Read the panel's report",
        published_at=timezone.now(),
    )

    page = client.get("/sounding-board/you-said-we-did/").content.decode()

    assert "Damp and mould panel" in page
    assert '<a class="govuk-link" href="https://example.gov.uk/damp">Read the panel&#x27;s report</a>' in page


def test_an_officer_publishes_from_admin(client, officer, answered_survey):
    survey, took_part, _ = answered_survey
    entry = entry_for(survey)
    client.force_login(officer)

    client.post("/admin/surveys/yousaidwedid/", {"action": "publish", "_selected_action": [entry.pk]})

    entry.refresh_from_db()
    assert entry.published_at is not None
    assert len(mail.outbox) == 2


def test_an_officer_publishes_from_its_own_page_after_confirming(client, officer, answered_survey):
    survey, took_part, _ = answered_survey
    entry = entry_for(survey)
    client.force_login(officer)
    url = f"/admin/surveys/yousaidwedid/{entry.pk}/action/publish/"
    assert url in client.get(f"/admin/surveys/yousaidwedid/{entry.pk}/change/").content.decode()

    asked = client.get(url)
    entry.refresh_from_db()
    assert entry.published_at is None and not mail.outbox  # a link alone does nothing
    done = client.post(url, {"confirm": "1"}, follow=True)

    assert "Publish, and tell everyone who took part" in asked.content.decode()
    entry.refresh_from_db()
    assert entry.published_at is not None
    assert len(mail.outbox) == 2
    assert "/action/unpublish/" in done.content.decode()
