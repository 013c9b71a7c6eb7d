"""Officers build surveys in admin and send them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement.messaging.models import LetterCode, LetterToPrint, Message, PrintBatch
from engagement.messaging.services.letters import format_code
from engagement.models import Block, Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.admin_forms import read_form
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, ResidentFactory, TenancyFactory
from surveys.models import Answer, Choice, Invitation, Question, Section, Survey
from surveys.services.discussions import post_reply
from surveys.services.invitations import survey_audience, survey_invite
from surveys.services.results import survey_results
from surveys.tests.factories import SurveyFactory, TopicFactory, add_question, bulk_responses, choice, opted_in_resident

pytestmark = pytest.mark.django_db

Kind = Question.Kind


def survey_form(**overrides):
    now = timezone.localtime()
    data = {
        "title": "Communal cleaning",
        "slug": "communal-cleaning",
        "kind": "consultation",
        "introduction": "About cleaning.",
        "privacy_notice": "Only the cleaning team sees answers.",
        "opens_at": now.strftime("%Y-%m-%dT09:00"),
        "closes_at": (now + timedelta(days=21)).strftime("%Y-%m-%dT17:00"),
        "reminder_days_before_close": "3",
        "access": "invitation",
        "layout": "question",
        "contact_details": "any",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def question_forms(survey, rows, initial=0):
    section = survey.sections.first()
    data = {"questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        prefix = f"questions-{index}-"
        data.update(
            {
                f"{prefix}id": row.get("id", ""),
                f"{prefix}survey": survey.pk,
                f"{prefix}section": section.pk,
                f"{prefix}position": index + 1,
                f"{prefix}text": row["text"],
                f"{prefix}kind": row["kind"],
                f"{prefix}required": "on",
                f"{prefix}choices_text": row.get("choices", ""),
                f"{prefix}max_length": 500,
                f"{prefix}scale_min": 1,
                f"{prefix}scale_max": 5,
                f"{prefix}scale_min_label": "Poor",
                f"{prefix}scale_max_label": "Good",
            }
        )
        if row.get("allow_other"):
            data[f"{prefix}allow_other"] = "on"
    return data


def change_data(survey, rows, initial=0):
    data = survey_form(title=survey.title, slug=survey.slug)
    section = survey.sections.first()
    data.update(
        {
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": section.pk,
            "sections-0-survey": survey.pk,
            "sections-0-position": 1,
            "sections-0-title": section.title,
            "themes-TOTAL_FORMS": "0",
            "themes-INITIAL_FORMS": "0",
        }
    )
    data.update(question_forms(survey, rows, initial))
    return data


def test_the_audience_pickers_offer_every_estate_ward_and_block_and_saving_unchanged_keeps_the_audience(
    client, officer
):
    lee_manor, other = EstateFactory(name="Lee Manor"), EstateFactory(name="Crossfields")
    aston_house = BlockFactory(estate=lee_manor, name="Aston House")
    on_lee_manor = ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=aston_house)))
    ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block=BlockFactory(estate=other))))
    survey = SurveyFactory(audience={"estates": [lee_manor.pk], "contact_details": "any"})
    add_question(survey, Kind.YES_NO, "Is the lift working?")
    client.force_login(officer)
    url = f"/admin/surveys/survey/{survey.pk}/change/"

    page = read_form(client.get(url).content.decode(), "survey_form")
    assert set(page.options["estates"]) == {str(lee_manor.pk), str(other.pk)}
    assert set(page.options["wards"]) == {str(lee_manor.ward_id), str(other.ward_id)}
    assert len(page.options["blocks"]) == Block.objects.count() > 0
    assert page.data["estates"] == [str(lee_manor.pk)]

    data = page.post_data()
    data["introduction"] = ["A new introduction."]
    saved = client.post(url, data)

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    survey.refresh_from_db()
    assert survey.introduction == "A new introduction."
    assert survey.audience["estates"] == [lee_manor.pk]
    assert list(survey_audience(survey).residents()) == [on_lee_manor]


def test_an_officer_builds_a_survey_with_its_audience_and_questions(client, officer):
    estate = EstateFactory(name="Crossfields")
    client.force_login(officer)

    added = client.post(
        "/admin/surveys/survey/add/",
        survey_form(estates=[estate.pk], tenure_types=["council_tenant"], letter_fallback="on"),
    )

    survey = Survey.objects.get()
    assert added["Location"] == f"/admin/surveys/survey/{survey.pk}/change/"
    assert survey.created_by == officer
    assert survey.audience["estates"] == [estate.pk] and survey.audience["letter_fallback"] is True
    assert [s.title for s in survey.sections.all()] == ["Communal cleaning"]

    saved = client.post(
        f"/admin/surveys/survey/{survey.pk}/change/",
        change_data(
            survey,
            [
                {"text": "How clean are the stairs?", "kind": "rating"},
                {
                    "text": "Which areas need more cleaning?",
                    "kind": "multiple",
                    "choices": "Stairs\nLifts\nBin stores",
                    "allow_other": True,
                },
                {"text": "Should cleaning be weekly?", "kind": "yes_no"},
            ],
        ),
    )

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    questions = list(survey.questions.all())
    assert [q.text for q in questions] == [
        "How clean are the stairs?",
        "Which areas need more cleaning?",
        "Should cleaning be weekly?",
    ]
    assert [c.label for c in questions[0].choices.all()] == ["1 – Poor", "2", "3", "4", "5 – Good"]
    assert [c.label for c in questions[1].choices.all()] == ["Stairs", "Lifts", "Bin stores", "Other"]
    assert [c.label for c in questions[2].choices.all()] == ["Yes", "No"]


def test_fixing_a_choices_wording_keeps_the_answers_and_a_picked_choice_cannot_be_removed(client, officer):
    survey = SurveyFactory()
    add_section_question = add_question(survey, Kind.SINGLE, "Which day?", choices=["Monday", "Tuseday", "Friday"])
    tuesday = choice(add_section_question, "Tuseday")
    friday = choice(add_section_question, "Friday")
    bulk_responses(survey, 2, lambda i: [(add_section_question, friday, None, "")])
    client.force_login(officer)
    row = {"id": add_section_question.pk, "text": "Which day?", "kind": "single"}

    fixed = client.post(
        f"/admin/surveys/survey/{survey.pk}/change/",
        change_data(survey, [{**row, "choices": "Monday\nTuesday\nFriday"}], initial=1),
    )
    refused = client.post(
        f"/admin/surveys/survey/{survey.pk}/change/",
        change_data(survey, [{**row, "choices": "Monday\nTuesday"}], initial=1),
    )

    assert fixed.status_code == 302
    assert Choice.objects.get(pk=tuesday.pk).label == "Tuesday"
    assert refused.status_code == 200
    assert "People have already chosen “Friday” (2 answers), so it cannot be removed." in refused.content.decode()
    assert Answer.objects.filter(choice=friday).count() == 2


def test_a_choice_question_needs_at_least_two_choices(client, officer):
    survey = SurveyFactory()
    Section.objects.create(survey=survey, position=1, title="Only")
    client.force_login(officer)

    page = client.post(
        f"/admin/surveys/survey/{survey.pk}/change/",
        change_data(survey, [{"text": "Pick", "kind": "single", "choices": "Just one"}]),
    )

    assert "Enter at least 2 choices, one per line." in page.content.decode()


def test_an_officer_sets_a_skip_on_a_choice(client, officer):
    survey = SurveyFactory()
    question = add_question(survey, Kind.YES_NO, "Do you have a car?")
    later = Section.objects.create(survey=survey, position=2, title="Without a car")
    no = choice(question, "No")
    yes = choice(question, "Yes")
    client.force_login(officer)

    data = {
        "section": question.section_id,
        "position": 1,
        "text": question.text,
        "kind": "yes_no",
        "required": "on",
        "max_length": 500,
        "scale_min": 1,
        "scale_max": 5,
        "scale_min_label": "",
        "scale_max_label": "",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "2",
        "choices-0-id": yes.pk,
        "choices-0-question": question.pk,
        "choices-0-position": 1,
        "choices-0-label": "Yes",
        "choices-1-id": no.pk,
        "choices-1-question": question.pk,
        "choices-1-position": 2,
        "choices-1-label": "No",
        "choices-1-skip_to": later.pk,
    }
    saved = client.post(f"/admin/surveys/question/{question.pk}/change/", data)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert Choice.objects.get(pk=no.pk).skip_to == later


@pytest.mark.django_db(transaction=True)
def test_sending_invitations_shows_who_and_how_before_anything_goes(client, officer):
    survey = SurveyFactory(title="Door entry systems")
    add_question(survey, Kind.YES_NO, "Does your door entry work?")
    opted_in_resident()
    opted_in_resident()
    client.force_login(officer)

    preview = client.get(f"/admin/surveys/survey/{survey.pk}/send-invitations/").content.decode()
    assert mail.outbox == []
    sent = client.post(f"/admin/surveys/survey/{survey.pk}/send-invitations/")

    assert "<strong>2</strong> residents" in preview and "2 by email" in preview
    assert sent.status_code == 302
    assert Invitation.objects.filter(survey=survey).count() == 2
    assert len(mail.outbox) == 2


def test_community_relations_cannot_send_invitations_but_can_see_results(client, community_relations):
    survey = SurveyFactory()
    client.force_login(community_relations)

    assert client.get(f"/admin/surveys/survey/{survey.pk}/send-invitations/").status_code == 403
    assert client.get(f"/sounding-board/results/{survey.pk}/").status_code == 200


def test_invitation_admin_never_shows_the_link_or_the_code(client, officer, django_capture_on_commit_callbacks):
    survey = SurveyFactory(audience={"letter_fallback": True})
    add_question(survey, Kind.YES_NO, "Yes?")
    opted_in_resident(channels=[Channel.POST], email="", user=None)
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(survey=survey)
    invitation = Invitation.objects.get()
    code = LetterCode.objects.get().code
    client.force_login(officer)

    listing = client.get("/admin/surveys/invitation/").content.decode()
    detail = client.get(f"/admin/surveys/invitation/{invitation.pk}/change/").content.decode()

    assert invitation.resident.full_name in listing
    for page in (listing, detail):
        assert invitation.token not in page and code not in page and format_code(code) not in page


def test_the_survey_list_makes_the_same_queries_for_5_or_50_surveys(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    for _ in range(5):
        add_question(SurveyFactory(), Kind.YES_NO, "Yes?")
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/surveys/survey/")
    for _ in range(45):
        add_question(SurveyFactory(), Kind.YES_NO, "Yes?")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/surveys/survey/")


@pytest.mark.parametrize("listing", ["invitation", "post", "topic"])
def test_moderation_and_invitation_lists_make_the_same_queries_for_5_or_50_rows(
    client, administrator, django_assert_max_num_queries, listing
):
    survey = SurveyFactory()
    add_question(survey, Kind.YES_NO, "Yes?")

    def add(count):
        for _ in range(count):
            opted_in_resident()
            topic = TopicFactory()
            post_reply(topic=topic, body="A reply", resident=opted_in_resident())
        survey_invite(survey=survey)

    client.force_login(administrator)
    add(5)
    with django_assert_max_num_queries(25) as few:
        assert client.get(f"/admin/surveys/{listing}/").status_code == 200
    add(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/admin/surveys/{listing}/")


def test_deleting_a_survey_deletes_its_responses_and_answers(client, administrator):
    survey = SurveyFactory()
    question = add_question(survey, Kind.YES_NO, "Yes?")
    bulk_responses(survey, 3, lambda i: [(question, choice(question, "Yes"), None, "")])
    client.force_login(administrator)

    client.post(f"/admin/surveys/survey/{survey.pk}/delete/", {"post": "yes"})

    assert not Survey.objects.exists() and not Answer.objects.exists()


def test_a_question_with_answers_cannot_be_deleted_on_its_own(client, officer):
    survey = SurveyFactory()
    question = add_question(survey, Kind.YES_NO, "Do you have a garden?")
    bulk_responses(survey, 1, lambda i: [(question, choice(question, "No"), None, "")])
    client.force_login(officer)
    data = change_data(survey, [{"id": question.pk, "text": question.text, "kind": "yes_no"}], initial=1)
    data["questions-0-DELETE"] = "on"

    page = client.post(f"/admin/surveys/survey/{survey.pk}/change/", data)

    assert "“Do you have a garden?” has answers, so it cannot be deleted." in page.content.decode()
    assert Answer.objects.count() == 1


def test_residents_with_no_email_or_mobile_get_a_letter_from_the_print_room_and_only_sent_ones_count(
    client, officer, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(title="Bin stores", audience={"letter_fallback": True})
    add_question(survey, Kind.YES_NO, "Are the bin stores clean?")
    by_email = opted_in_resident(first_name="Emma")
    withdraws = opted_in_resident(first_name="Wendy")
    by_letter = ResidentFactory(first_name="Lottie", email="", user=None)
    said_no_to_post = ResidentFactory(first_name="Nora", email="", user=None)
    consent_record(
        said_no_to_post, channel=Channel.POST, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
    )
    client.force_login(officer)
    page = f"/admin/surveys/survey/{survey.pk}/send-invitations/"

    preview = client.get(page).content.decode()
    with django_capture_on_commit_callbacks() as send_task:
        client.post(page)
    with django_capture_on_commit_callbacks() as recorded:
        send_task[0]()
    # Between the recording and the sending, one resident says no to surveys by email.
    consent_record(
        withdraws, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
    )
    with django_capture_on_commit_callbacks(execute=True):
        for callback in recorded:
            callback()

    assert "2 by email" in preview and "1 by letter" in preview
    letter = LetterToPrint.objects.get()
    assert letter.address_lines[0] == by_letter.full_name and "Bin stores" in letter.body
    assert letter.message.status == Message.Status.SENT
    assert [message.to for message in mail.outbox] == [[by_email.email]]
    invited = {i.resident: i.message.status for i in Invitation.objects.filter(survey=survey)}
    assert invited == {by_email: "sent", by_letter: "sent", withdraws: "withheld"}
    assert survey_results(survey=survey).invited == 2
    listing = client.get("/admin/surveys/survey/").content.decode()
    assert '<td class="field-invited">2</td>' in listing
    client.post("/admin/messaging/printbatch/next/")
    assert PrintBatch.objects.get().letters.get() == letter


def test_survey_feedback_goes_as_a_decision_update_and_old_you_said_we_did_messages_still_open(officer_client):
    from engagement.messaging import registry
    from engagement.messaging.models import Message

    keys = [message_type.key for message_type in registry.all_types()]
    assert "surveys.you_said_we_did" not in keys and "decisions.update" in keys
    old = Message.objects.create(
        idempotency_key="you-said-we-did:1:1",
        template="surveys.you_said_we_did",
        channel="email",
        purpose="service",
        to_address="ada@example.com",
        personalisation={"title": "Stairs"},
    )

    page = officer_client.get(f"/admin/messaging/message/{old.pk}/change/")

    assert page.status_code == 200
    assert "no longer sends surveys.you_said_we_did messages" in page.content.decode()
