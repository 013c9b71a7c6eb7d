"""Erasure: an administrator erases a resident in one admin action. Nothing that identifies them is
left in any table; the counts others rely on do not change; their sign-in ends."""

from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from engagement.messaging.models import DevelopmentText, LetterToPrint, Message
from engagement.messaging.services import message_queue
from engagement.models import (
    Channel,
    Consent,
    ConsentSource,
    EqualityMonitoring,
    Home,
    InterestRegistration,
    OfficerNote,
    Purpose,
    Resident,
    Tenancy,
    TenancyVerificationAttempt,
    User,
)
from engagement.services.consent import consent_record
from engagement.services.enquiries import enquiry_submit
from engagement.services.format_requests import format_request_submit
from engagement.tests.factories import (
    PASSWORD,
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
    UserFactory,
)
from engagement.tests.test_audit_trail import admin_form_as_posted

pytestmark = pytest.mark.django_db

NAME = "Zofia Kowalczyk"
EMAIL = "zofia.kowalczyk@example.com"
OLD_MOBILE = "+447700900111"
MOBILE, MOBILE_AS_WRITTEN = "+447700900456", "07700 900456"
ADDRESS, POSTCODE = "Flat 9, Brennan Tower", "SE8 9ZZ"
WHAT_IDENTIFIES_HER = [NAME, EMAIL, OLD_MOBILE, MOBILE, MOBILE_AS_WRITTEN, "07700900456", ADDRESS, POSTCODE]

# The housing system's records, held under the tenancy and brought back by every import: kept.
HOUSING_SYSTEM = {("engagement.Tenancy", "household_members"), ("engagement.Home", "address_line_1")}
HOUSING_SYSTEM |= {("engagement.Home", "postcode")}


def _consents(resident):
    for channel in Channel.values:
        for purpose in Purpose.values:
            consent_record(resident, channel=channel, purpose=purpose, given=True, source=ConsentSource.ACCOUNT)


@pytest.fixture
def zofia(db):
    estate = EstateFactory(name="Brennan Estate")
    home = HomeFactory(block=BlockFactory(estate=estate), address_line_1=ADDRESS, postcode=POSTCODE)
    tenancy = TenancyFactory(home=home, household_members=[NAME, "Piotr Kowalczyk"])
    resident = ResidentFactory(
        user=UserFactory(email=EMAIL),
        first_name="Zofia",
        last_name="Kowalczyk",
        mobile=OLD_MOBILE,
        date_of_birth=date(1950, 1, 2),
        tenancy=tenancy,
        interpreter_language="Polish",
        access_needs_other="Needs a chair near the door",
    )
    _consents(resident)
    return resident


def _she_took_part_everywhere(zofia, officer, client, capture):
    """What a year of taking part leaves behind, in every app, including messages and staff edits."""
    from events.models import CalendarFeed, IssueCategory, Visit, WalkaboutRequest
    from events.services.attendance import attendance_mark
    from events.services.issues import issue_raise
    from events.services.workshops import suggestion_submit
    from events.tests.factories import BookingFactory, EventFactory
    from events.tests.test_issues import jpeg
    from panels.tests.factories import MembershipFactory as PanelMembershipFactory
    from panels.tests.factories import PanelApplicationFactory
    from surveys.models import Question
    from surveys.services.answering import response_start
    from surveys.services.discussions import post_reply, post_report, topic_approve, topic_start
    from surveys.tests.factories import SurveyFactory, TopicFactory, add_question
    from surveys.tests.helpers import answer_everything
    from tenants_associations.services.committee import notice_send
    from tenants_associations.services.contact import enquiry_send
    from tenants_associations.services.membership import membership_request
    from tenants_associations.tests.factories import CommitteeRoleFactory, StartingInterestFactory, resident_on, tra_for

    estate = zofia.home.block.estate
    # An officer corrects her mobile through admin: admin history and the audit trail hold both numbers.
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[zofia.pk])
    data = admin_form_as_posted(client.get(url))
    data["mobile"] = MOBILE_AS_WRITTEN
    assert client.post(url, data).status_code == 302
    zofia.refresh_from_db()
    client.logout()

    EqualityMonitoring.objects.create(resident=zofia, religion="christian")
    OfficerNote.objects.create(resident=zofia, text=f"{NAME} prefers calls on {MOBILE_AS_WRITTEN}", author=officer)
    InterestRegistration.objects.create(name=NAME, email=EMAIL, mobile=MOBILE, merged_into=zofia)
    TenancyVerificationAttempt.objects.create(
        user=zofia.user, reference_tried=zofia.tenancy.reference, postcode_tried=POSTCODE, succeeded=True
    )
    with capture(execute=True):
        enquiry_submit(name=NAME, email=EMAIL, message=f"I live at {ADDRESS}, {POSTCODE}", resident=zofia)
        # Asked for a letter back: her address and phone are on the enquiry, not only in its message.
        enquiry_submit(
            name=NAME,
            reply_by="post",
            phone=MOBILE,
            postal_address=f"{ADDRESS}\n{POSTCODE}",
            message="Please write to me",
            resident=zofia,
        )
        format_request_submit(
            about="The bin store letter",
            format="translation",
            language="Polish",
            details=f"For {NAME} at {ADDRESS}",
            name=NAME,
            reply_by="post",
            postal_address=f"{ADDRESS}\n{POSTCODE}",
            resident=zofia,
        )

        roadshow = EventFactory(title="Roadshow")
        hers = BookingFactory(event=roadshow, resident=zofia, access_needs_other=f"{NAME} uses a wheelchair")
        theirs = BookingFactory(event=roadshow)
        attendance_mark(event=roadshow, marks={hers.pk: "attended", theirs.pk: "attended"}, by=officer)
        CalendarFeed.objects.create(resident=zofia, token="z" * 40)
        WalkaboutRequest.objects.create(
            resident=zofia, estate=estate, what_to_look_at=f"Lights outside {ADDRESS}; ring {MOBILE_AS_WRITTEN}"
        )
        issue = issue_raise(
            category=IssueCategory.objects.get(code="repairs"),
            location=ADDRESS,
            description=f"Leak into {NAME}'s kitchen",
            raised_by=zofia,
            photo=SimpleUploadedFile("kitchen.jpg", jpeg(), content_type="image/jpeg"),
        )
        suggestion_submit(topic="Damp", details=f"Ask {NAME} about her damp", resident=zofia)
        Visit.objects.create(
            round=EventFactory(title="Door knocking"),
            estate=estate,
            resident=zofia,
            outcome=Visit.Outcome.SPOKE,
            notes=f"Spoke to {NAME} at {ADDRESS}",
        )

        PanelApplicationFactory(resident=zofia, why_join="My own damp, and I was a surveyor")
        PanelMembershipFactory(resident=zofia)

        named = SurveyFactory(title="Named survey", access="open")
        anonymous = SurveyFactory(title="Anonymous survey", access="open", is_anonymous=True)
        said = add_question(named, Question.Kind.TEXT, "What would you change?")
        secret = add_question(anonymous, Question.Kind.TEXT, "Anything else?")
        answer_everything(client, response_start(survey=named, resident=zofia), {said: f"Email me: {EMAIL}"})
        answer_everything(
            client, response_start(survey=anonymous, resident=ResidentFactory()), {secret: "More benches"}
        )
        topic = topic_start(title="Bins", body=f"Bins by {ADDRESS} overflow", resident=zofia)
        topic_approve(topic=topic)
        topic.refresh_from_db()
        post_reply(topic=topic, body=f"Call me on {MOBILE_AS_WRITTEN}", resident=zofia)
        post_report(post=post_reply(topic=TopicFactory(), body="Rude"), resident=zofia, reason=f"{NAME} objects")

        tra = tra_for(estate, name="Brennan TRA", slug="brennan-tra")
        secretary = CommitteeRoleFactory(tra=tra, resident=resident_on(estate, first_name="Sam", last_name="Sec"))
        _consents(secretary.resident)
        membership_request(tra=tra, resident=zofia, note=f"I am {NAME} at {ADDRESS}")
        CommitteeRoleFactory(tra=tra, resident=zofia, role="treasurer")
        StartingInterestFactory(resident=zofia, estate=estate, note=f"{NAME} would help")
        enquiry_send(tra=tra, name=NAME, email=EMAIL, message=f"Reach me on {MOBILE_AS_WRITTEN}", resident=zofia)
        notice_send(tra=tra, subject="AGM", body=f"Questions to {NAME}, {EMAIL}", sent_by=zofia)

        # A decision her issue led to, told to her, and officers' words about it that name her.
        from engagement.decisions.models import Action, ClosingReport, Decision, DecisionSource
        from engagement.decisions.services import decision_publish

        decision = Decision.objects.create(
            title="Kitchen leaks", you_said=f"{NAME} at {ADDRESS} told us", we_did=f"Call {MOBILE_AS_WRITTEN}"
        )
        DecisionSource.objects.create(decision=decision, issue=issue, note=f"Raised by {NAME}")
        report = ClosingReport.objects.create(event=roadshow, what_was_raised=f"{NAME}'s leak", what_happens_next="-")
        Action.objects.create(report=report, action=f"Ring {NAME}")
        decision_publish(decision=decision)

        for channel in (Channel.EMAIL, Channel.TEXT, Channel.POST):
            message_queue(
                template="engagement.enquiry_acknowledgement",
                resident=zofia,
                key=f"ack-{channel}",
                channel=channel,
                personalisation={"message": f"From {NAME}"},
            )
    return {"roadshow": roadshow, "anonymous": anonymous, "issue": issue}


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def _where_found(values: list[str]) -> set[tuple[str, str]]:
    """Every (model, field) whose text holds one of the values, in every table of every app."""
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in _text_fields(model):
            column = field.name
            rows = model._default_manager.all()
            if isinstance(field, models.JSONField):
                rows = rows.annotate(as_text=Cast(field.name, TextField()))
                column = "as_text"
            query = Q()
            for value in values:
                query |= Q(**{f"{column}__icontains": value})
            if rows.filter(query).exists():
                found.add((model._meta.label, field.name))
    return found


def _counts(roadshow, anonymous):
    from events.models import Booking, Event
    from surveys.models import Answer, Response

    return {
        "attended": Event.objects.with_attended().get(pk=roadshow.pk).came,
        "bookings": Booking.objects.filter(event=roadshow).count(),
        "anonymous responses": Response.objects.filter(survey=anonymous, submitted_at__isnull=False).count(),
        "anonymous answers": Answer.objects.filter(response__survey=anonymous).count(),
        "messages": Message.objects.count(),
    }


def _erase_in_admin(client, administrator, resident):
    client.force_login(administrator)
    changelist = reverse("admin:engagement_resident_changelist")
    asked = client.post(changelist, {"action": "erase_selected", "_selected_action": [resident.pk]})
    assert asked.status_code == 200 and "Erase these residents?" in asked.content.decode()
    done = client.post(
        changelist, {"action": "erase_selected", "_selected_action": [resident.pk], "confirmed": "yes"}, follow=True
    )
    assert "Erased 1 resident" in done.content.decode()


def test_nothing_that_identifies_an_erased_resident_remains_and_the_counts_stay(
    client, officer, administrator, zofia, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    made = _she_took_part_everywhere(zofia, officer, client, django_capture_on_commit_callbacks)
    photo = made["issue"].photo
    assert LetterToPrint.objects.filter(message__resident=zofia).exists()
    assert DevelopmentText.objects.filter(message__resident=zofia).exists()
    found_before = _where_found(WHAT_IDENTIFIES_HER)
    assert len(found_before - HOUSING_SYSTEM) > 20, found_before  # she really was everywhere
    before = _counts(made["roadshow"], made["anonymous"])

    _erase_in_admin(client, administrator, zofia)

    assert _where_found(WHAT_IDENTIFIES_HER) <= HOUSING_SYSTEM
    assert _counts(made["roadshow"], made["anonymous"]) == before
    assert not photo.storage.exists(photo.name)
    erased = Resident.objects.get(pk=zofia.pk)
    assert (erased.full_name, erased.email, erased.mobile, erased.tenancy, erased.user) == (
        "Erased resident",
        "",
        "",
        None,
        None,
    )
    assert erased.erased_at is not None
    assert not Consent.objects.filter(resident=erased).exists()
    assert not EqualityMonitoring.objects.filter(resident=erased).exists()
    assert not Message.objects.filter(resident=erased, status__in=Message.PENDING).exists()
    assert Tenancy.objects.filter(pk=zofia.tenancy_id).exists() and Home.objects.filter(address_line_1=ADDRESS)


def test_an_erased_resident_cannot_sign_in_and_an_open_session_lands_on_sign_in(client, administrator, zofia):
    client.force_login(zofia.user)
    old_session = client.cookies["sessionid"].value
    from django.test import Client

    _erase_in_admin(Client(), administrator, zofia)

    client.cookies["sessionid"] = old_session
    response = client.get(reverse("my_account"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not client.login(email=EMAIL, password=PASSWORD)


def test_the_audit_trail_keeps_who_erased_whom_and_when_without_the_values(client, officer, administrator, zofia):
    from auditlog.models import LogEntry

    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[zofia.pk])
    data = admin_form_as_posted(client.get(url))
    data["mobile"] = MOBILE_AS_WRITTEN
    client.post(url, data)

    _erase_in_admin(client, administrator, zofia)

    entries = LogEntry.objects.get_for_object(Resident(pk=zofia.pk))
    by_officer = entries.get(actor=officer)
    assert by_officer.changes_dict["mobile"] == ["[removed]", "[removed]"]
    assert entries.filter(actor=administrator, changes__has_key="personal data").exists()
    history = client.get(reverse("admin:engagement_resident_auditlog", args=[zofia.pk])).content.decode()
    assert MOBILE not in history and OLD_MOBILE not in history and NAME not in history


def test_a_resident_who_was_sent_messages_can_be_erased_but_never_deleted(client, administrator, zofia):
    message_queue(template="engagement.enquiry_acknowledgement", resident=zofia, key="one", channel=Channel.EMAIL)
    client.force_login(administrator)

    changelist = client.get(reverse("admin:engagement_resident_changelist")).content.decode()
    delete = client.get(reverse("admin:engagement_resident_delete", args=[zofia.pk]))

    assert 'value="delete_selected"' not in changelist and 'value="erase_selected"' in changelist
    assert delete.status_code == 403
    _erase_in_admin(client, administrator, zofia)
    assert Message.objects.filter(resident_id=zofia.pk).count() == 1


def test_only_administrators_may_erase(client, officer, community_relations, zofia):
    for user in (officer, community_relations):
        client.force_login(user)
        changelist = reverse("admin:engagement_resident_changelist")
        assert 'value="erase_selected"' not in client.get(changelist).content.decode()
        client.post(changelist, {"action": "erase_selected", "_selected_action": [zofia.pk], "confirmed": "yes"})
        assert Resident.objects.get(pk=zofia.pk).erased_at is None
