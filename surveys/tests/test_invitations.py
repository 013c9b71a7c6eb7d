"""Invitations and reminders go through the messaging outbox, each resident by a channel they allow."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from engagement.messaging.models import DevelopmentText, LetterCode, LetterToPrint, Message
from engagement.messaging.services.letters import format_code, print_batch_create, print_batch_pdf
from engagement.messaging.tests.conftest import printed_words
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import EstateFactory, ResidentFactory
from surveys.models import Answer, Invitation, Question
from surveys.services.invitations import survey_invite, survey_remind, surveys_remind_due
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db(transaction=True)

Kind = Question.Kind


@pytest.fixture
def small_consultation(db):
    survey = SurveyFactory(title="Bin stores on your estate", audience={"letter_fallback": True})
    question = add_question(survey, Kind.YES_NO, "Are the bin stores clean?")
    by_email = opted_in_resident(first_name="Emma")
    by_text = opted_in_resident(
        channels=[Channel.TEXT], mobile="+447700900111", first_name="Tariq", email="", user=None
    )
    by_letter = opted_in_resident(channels=[Channel.POST], first_name="Lottie", email="", user=None)
    not_opted_in = ResidentFactory(first_name="Nadia")
    return survey, question, by_email, by_text, by_letter, not_opted_in


def test_each_opted_in_resident_gets_their_own_link_by_the_channel_they_chose(small_consultation):
    survey, _, by_email, by_text, by_letter, not_opted_in = small_consultation

    run = survey_invite(survey=survey)

    assert run.invited == 3 and run.unreachable == 1
    invitations = {i.resident: i for i in Invitation.objects.filter(survey=survey)}
    assert {r: i.channel for r, i in invitations.items()} == {by_email: "email", by_text: "text", by_letter: "post"}
    assert [m.to for m in mail.outbox] == [[by_email.email]]
    assert invitations[by_email].token in mail.outbox[0].body
    assert mail.outbox[0].subject == "Have your say: Bin stores on your estate"
    text = DevelopmentText.objects.get()
    assert text.to == "+447700900111" and invitations[by_text].token in text.body
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}


def _code_in(body: str) -> str:
    return re.search(r"Type in this code: ([A-Z0-9]{4} [A-Z0-9]{4})$", body, re.MULTILINE).group(1)


def test_a_letter_says_where_to_type_in_its_code_and_carries_the_link_too(small_consultation):
    survey, _, _, _, by_letter, _ = small_consultation

    survey_invite(survey=survey)

    invitation = Invitation.objects.get(resident=by_letter)
    letter = LetterToPrint.objects.get()
    code = LetterCode.objects.get(message=letter.message)
    assert f"1. Go to {settings.SITE_URL}/code/\n2. Type in this code: {format_code(code.code)}" in letter.body
    assert letter.body.count(format_code(code.code)) == 1
    assert code.url == f"{settings.SITE_URL}/sounding-board/s/{invitation.token}/"
    assert f"Or type in the whole link: {code.url}" in letter.body
    assert letter.address_lines[0] == by_letter.full_name


def test_letter_batch_with_short_codes(db, officer, monkeypatch):
    survey = SurveyFactory(audience={"letter_fallback": True})
    add_question(survey, Kind.YES_NO, "Do you use the lift?")
    for _ in range(30):
        opted_in_resident(channels=[Channel.POST], email="", user=None)
    survey_invite(survey=survey)
    batch = print_batch_create(officer=officer)
    printed = printed_words(monkeypatch)

    pdf = print_batch_pdf(batch)

    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", pdf)) == 30
    codes = [format_code(code) for code in LetterCode.objects.values_list("code", flat=True)]
    assert len(set(codes)) == 30
    assert all(not set(code) & set("01OIL5S") for code in codes)
    # Each code once, in the letter's words, as in a letter sent through Notify: no second copy in a box.
    assert sorted(_code_in(letter.body) for letter in batch.letters.all()) == sorted(codes)
    assert all(sum(code in line for _font, _size, line in printed) == 1 for code in codes)


def test_from_a_letter_to_an_answered_survey_by_typing_in_its_code(client, small_consultation):
    survey, question, _, _, by_letter, _ = small_consultation
    survey_invite(survey=survey)
    code = _code_in(LetterToPrint.objects.get().body)

    typed = client.post("/code/", {"code": code.lower().replace(" ", "-")})
    start = client.get(typed["Location"])
    token = typed["Location"].split("/")[-2]
    answer_everything(client, token, {question: "No"})

    assert "Bin stores on your estate" in start.content.decode()
    response = Invitation.objects.get(resident=by_letter).response
    assert response.is_submitted and response.channel == "post"
    assert Answer.objects.get(response=response, question=question).choice.label == "No"


def test_a_letter_sent_through_notify_carries_its_code_in_the_words(notify_stub, small_consultation):
    survey, *_ = small_consultation

    survey_invite(survey=survey)

    [letter] = [
        sent
        for message in Message.objects.filter(channel="post")
        for sent in notify_stub.sent_to(message.idempotency_key)
    ]
    code = LetterCode.objects.get(message__channel="post")
    assert f"Type in this code: {format_code(code.code)}" in letter["personalisation"]["body"]


def test_a_reminder_letter_has_a_code_of_its_own_that_leads_to_the_same_survey(client, small_consultation):
    survey, _, _, _, by_letter, _ = small_consultation
    survey_invite(survey=survey)

    survey_remind(survey=survey)

    invitation_letter, reminder_letter = LetterToPrint.objects.order_by("pk")
    assert "There is still time to have your say" in reminder_letter.body
    first, second = _code_in(invitation_letter.body), _code_in(reminder_letter.body)
    assert first != second
    link = f"/sounding-board/s/{Invitation.objects.get(resident=by_letter).token}/"
    assert (
        client.post("/code/", {"code": first})["Location"]
        == client.post("/code/", {"code": second})["Location"]
        == link
    )


def test_sending_again_invites_only_residents_not_yet_invited(small_consultation):
    survey, *_ = small_consultation
    survey_invite(survey=survey)
    newcomer = opted_in_resident()

    second = survey_invite(survey=survey)

    assert second.invited == 1
    assert Invitation.objects.filter(resident=newcomer).exists()
    assert Message.objects.filter(template="surveys.invitation").count() == 4


def test_the_audience_decides_who_is_invited(db):
    lee_manor, crossfields = EstateFactory(name="Lee Manor"), EstateFactory(name="Crossfields")
    inside = opted_in_resident(tenancy__home__block__estate=lee_manor)
    opted_in_resident(tenancy__home__block__estate=crossfields)
    survey = SurveyFactory(audience={"estates": [lee_manor.pk]})
    add_question(survey, Kind.YES_NO, "Do you use the playground?")

    survey_invite(survey=survey)

    assert list(Invitation.objects.values_list("resident", flat=True)) == [inside.pk]
    assert Invitation.objects.get().estate == lee_manor


def test_reminders_go_only_to_residents_who_have_not_answered_and_only_once(client, small_consultation):
    survey, question, by_email, by_text, by_letter, _ = small_consultation
    survey_invite(survey=survey)
    answer_everything(client, Invitation.objects.get(resident=by_email).token, {question: "Yes"})
    client.get(f"/sounding-board/s/{Invitation.objects.get(resident=by_text).token}/")  # started, not sent

    first = survey_remind(survey=survey)
    second = survey_remind(survey=survey)

    assert (first, second) == (2, 0)
    reminded = set(Message.objects.filter(template="surveys.reminder").values_list("resident", flat=True))
    assert reminded == {by_text.pk, by_letter.pk}
    assert not [m for m in mail.outbox if "Reminder" in m.subject]


def test_reminders_go_out_on_the_day_the_survey_says(small_consultation):
    survey, *_ = small_consultation
    survey.reminder_days_before_close = 3
    survey.closes_at = timezone.now() + timedelta(days=5)
    survey.save()
    survey_invite(survey=survey)

    assert surveys_remind_due() == 0
    survey.closes_at = timezone.now() + timedelta(days=2)
    survey.save()
    assert surveys_remind_due() == 3
    assert surveys_remind_due() == 0


def test_a_survey_without_a_reminder_day_sends_none(small_consultation):
    survey, *_ = small_consultation
    survey.reminder_days_before_close = None
    survey.closes_at = timezone.now() + timedelta(hours=2)
    survey.save()
    survey_invite(survey=survey)

    assert surveys_remind_due() == 0


def test_no_invitations_after_the_survey_closes(small_consultation):
    survey, *_ = small_consultation
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()

    with pytest.raises(ValueError, match="closed"):
        survey_invite(survey=survey)
    assert not Invitation.objects.exists()


def test_a_resident_who_withdraws_consent_after_the_invitation_is_queued_is_not_sent_it(small_consultation):
    """Consent is checked again at send time, by messaging."""
    survey, _, by_email, *_ = small_consultation

    with transaction.atomic():
        survey_invite(survey=survey)
        consent_record(
            by_email, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
        )

    assert mail.outbox == []
    assert Message.objects.get(resident=by_email).status == Message.Status.WITHHELD
