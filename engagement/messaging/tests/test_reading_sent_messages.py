"""Officers read sent texts and letters in admin as the resident got them, survey links clickable."""

import re

import pytest
from django.urls import reverse

from engagement.messaging.models import DevelopmentText, LetterToPrint, Message
from engagement.models import Channel
from surveys.models import Question
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    survey = SurveyFactory(title="Bin stores", audience={"letter_fallback": True})
    add_question(survey, Question.Kind.YES_NO, "Are the bin stores clean?")
    opted_in_resident(channels=[Channel.TEXT], mobile="+447700900111", email="", user=None)
    opted_in_resident(channels=[Channel.POST], email="", user=None, first_name="Lottie")
    opted_in_resident(first_name="Emma")
    survey_invite(survey=survey)
    return {message.channel: message for message in Message.objects.all()}


def test_the_engagement_officer_reads_a_text_and_follows_its_survey_link(client, officer, sent):
    client.force_login(officer)

    assert client.get(reverse("admin:messaging_developmenttext_changelist")).status_code == 200
    page = client.get(reverse("admin:messaging_message_change", args=[sent["text"].pk])).content.decode()

    body = DevelopmentText.objects.get().body
    link = re.search(r"http://127\.0\.0\.1:8101/s/[\w-]+", body).group(0)
    assert f'<a href="{link}"' in page
    assert "Have your say on Bin stores" in page
    first_fieldset = page.split("How it was sent")[0]
    assert '"survey_title"' not in first_fieldset and "&quot;survey_title&quot;" not in first_fieldset


def test_a_letter_reads_with_its_address_and_an_email_with_its_subject(client, community_relations, sent):
    client.force_login(community_relations)

    letter = client.get(reverse("admin:messaging_message_change", args=[sent["post"].pk])).content.decode()
    email = client.get(reverse("admin:messaging_message_change", args=[sent["email"].pk])).content.decode()

    printed = LetterToPrint.objects.get()
    assert printed.address_lines[0] in letter and "Dear Lottie," in letter
    assert "Type in this code" in letter
    assert "Subject: Have your say: Bin stores" in email and "Dear Emma," in email
