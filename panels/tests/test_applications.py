"""Applying (draft, send, withdraw) and officers' decisions, with the messages each sends."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import Message
from engagement.models import AccessNeed
from panels.models import Membership, PanelApplication
from panels.services import PanelError
from panels.services.applications import (
    NotEligible,
    application_accept,
    application_decline,
    application_shortlist,
    application_submit,
)
from panels.tests.factories import MembershipFactory, PanelApplicationFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "why_join": "My block's heating bills are too high.",
    "experience": "I chair my block's residents' group.",
    "availability": "Weekday evenings",
    "access_needs": "",
    "wants_training": "yes",
}


def _apply_url(panel):
    return reverse("panels:apply", kwargs={"slug": panel.slug})


def test_a_leaseholder_sends_an_application_and_is_told_we_have_it(
    client, leaseholder, energy_panel, django_capture_on_commit_callbacks
):
    client.force_login(leaseholder.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_apply_url(energy_panel), {**ANSWERS, "send": ""})

    assert response.status_code == 302 and response.url == reverse("panels:yours")
    application = PanelApplication.objects.get(resident=leaseholder)
    assert application.status == PanelApplication.Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.wants_training is True
    assert application.why_join == ANSWERS["why_join"]
    message = Message.objects.get(template="panels.application_received", resident=leaseholder)
    assert message.status == Message.Status.SENT
    assert mail.outbox[-1].subject == "We have your application to the Energy efficiency panel"
    assert "/panels/yours/" in mail.outbox[-1].body


def test_missing_answers_are_shown_next_to_the_questions_and_what_was_typed_is_kept(client, leaseholder, energy_panel):
    client.force_login(leaseholder.user)

    response = client.post(_apply_url(energy_panel), {"experience": "Ten years as a leaseholder", "send": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Tell us why you would like to join" in page
    assert "Tell us when you are free to take part" in page
    assert "Select yes if you would like training" in page
    assert "Ten years as a leaseholder" in page
    assert response.context["form"].errors
    assert not PanelApplication.objects.exists()


def test_a_panel_with_tra_seats_asks_which_seat_and_records_it(client, leaseholder, damp_panel):
    damp_panel.tra_seats = 2
    damp_panel.save()
    client.force_login(leaseholder.user)

    unanswered = client.post(_apply_url(damp_panel), {**ANSWERS, "send": ""})
    client.post(_apply_url(damp_panel), {**ANSWERS, "seat": "tra_representative", "send": ""})

    assert "Select the seat you are applying for" in unanswered.content.decode()
    assert PanelApplication.objects.get(resident=leaseholder).seat == "tra_representative"


def test_a_resident_can_save_a_half_finished_application_and_come_back_to_it(client, leaseholder, energy_panel):
    client.force_login(leaseholder.user)

    client.post(_apply_url(energy_panel), {"why_join": "Heating costs", "save_draft": ""})
    draft = PanelApplication.objects.get(resident=leaseholder)
    page = client.get(_apply_url(energy_panel)).content.decode()
    my_panels = client.get(reverse("panels:yours")).content.decode()

    assert draft.status == PanelApplication.Status.DRAFT
    assert not Message.objects.exists()
    assert "Heating costs" in page
    assert "Here are the answers you saved" in page
    assert "Not sent yet" in my_panels
    assert "Continue" in my_panels


def test_sending_a_saved_draft_sends_that_application_not_a_second_one(client, leaseholder, energy_panel):
    client.force_login(leaseholder.user)
    client.post(_apply_url(energy_panel), {"why_join": "Heating costs", "save_draft": ""})

    client.post(_apply_url(energy_panel), {**ANSWERS, "send": ""})

    application = PanelApplication.objects.get(resident=leaseholder)
    assert application.status == PanelApplication.Status.SUBMITTED
    assert application.why_join == ANSWERS["why_join"]


def test_the_form_starts_with_the_access_needs_in_the_residents_account(client, leaseholder, energy_panel):
    leaseholder.access_needs.add(AccessNeed.objects.get(code="hearing_loop"))
    leaseholder.access_needs_other = "I bring an assistance dog"
    leaseholder.save()
    client.force_login(leaseholder.user)

    form = client.get(_apply_url(energy_panel)).context["form"]

    assert form.initial["access_needs"] == "Hearing loop; I bring an assistance dog"


def test_a_resident_who_has_applied_is_not_offered_the_form_again(client, leaseholder, energy_panel):
    PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(leaseholder.user)

    response = client.get(_apply_url(energy_panel), follow=True)

    assert response.redirect_chain[-1][0] == reverse("panels:yours")
    assert "You have already applied to the Energy efficiency panel" in response.content.decode()


def test_the_service_refuses_an_ineligible_application_whatever_the_page_allowed(tenant, energy_panel):
    with pytest.raises(NotEligible) as refusal:
        application_submit(
            resident=tenant, panel=energy_panel, answers={**ANSWERS, "seat": "member", "wants_training": True}
        )

    assert "council tenant" in refusal.value.eligibility.reasons[0].why_not
    assert not PanelApplication.objects.exists()


def test_a_member_cannot_apply_to_their_own_panel_again(leaseholder, energy_panel):
    MembershipFactory(panel=energy_panel, resident=leaseholder)

    with pytest.raises(PanelError, match="already a member"):
        application_submit(
            resident=leaseholder, panel=energy_panel, answers={**ANSWERS, "seat": "member", "wants_training": True}
        )


def test_a_resident_can_withdraw_their_application(client, leaseholder, energy_panel):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(leaseholder.user)
    url = reverse("panels:withdraw", kwargs={"pk": application.pk})

    confirm = client.get(url).content.decode()
    client.post(url)

    application.refresh_from_db()
    assert "Are you sure you want to withdraw your application to the Energy efficiency panel?" in confirm
    assert application.status == PanelApplication.Status.WITHDRAWN
    assert application.withdrawn_at is not None
    assert "Withdrawn" in client.get(reverse("panels:yours")).content.decode()


def test_a_resident_cannot_withdraw_someone_elses_application(client, resident, leaseholder, energy_panel):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(resident.user)

    response = client.post(reverse("panels:withdraw", kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert response.status_code == 404
    assert application.status == PanelApplication.Status.SUBMITTED


def test_after_withdrawing_a_resident_may_apply_again(client, leaseholder, energy_panel):
    PanelApplicationFactory(panel=energy_panel, resident=leaseholder, status=PanelApplication.Status.WITHDRAWN)
    client.force_login(leaseholder.user)

    client.post(_apply_url(energy_panel), {**ANSWERS, "send": ""})

    assert PanelApplication.objects.filter(resident=leaseholder).count() == 2


def test_shortlisting_tells_the_resident_with_the_officers_message(
    officer, energy_panel, leaseholder, django_capture_on_commit_callbacks
):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)

    with django_capture_on_commit_callbacks(execute=True):
        application_shortlist(
            application=application, message="Can you come for a chat on 3 March?", decided_by=officer
        )

    application.refresh_from_db()
    assert application.status == PanelApplication.Status.SHORTLISTED
    assert application.decided_by == officer
    assert mail.outbox[-1].subject == "You are shortlisted for the Energy efficiency panel"
    assert "Can you come for a chat on 3 March?" in mail.outbox[-1].body


def test_accepting_makes_the_resident_a_member_with_a_role_and_term_and_tells_them(
    officer, energy_panel, leaseholder, django_capture_on_commit_callbacks
):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)

    with django_capture_on_commit_callbacks(execute=True):
        membership = application_accept(
            application=application,
            role=Membership.Role.VICE_CHAIR,
            starts_on=date(2026, 4, 1),
            term_ends_on=date(2027, 3, 31),
            message="The first meeting is on 14 April.",
            decided_by=officer,
        )

    application.refresh_from_db()
    assert application.status == PanelApplication.Status.ACCEPTED
    assert membership.resident == leaseholder and membership.panel == energy_panel
    assert membership.role == Membership.Role.VICE_CHAIR
    assert membership.term_ends_on == date(2027, 3, 31)
    assert membership.application == application
    email = mail.outbox[-1]
    assert email.subject == "Welcome to the Energy efficiency panel"
    assert "as vice-chair from 1 April 2026 until 31 March 2027" in email.body
    assert "The first meeting is on 14 April." in email.body


def test_declining_needs_a_reason_and_sends_it(officer, energy_panel, leaseholder, django_capture_on_commit_callbacks):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)

    with pytest.raises(PanelError, match="Tell the resident why"):
        application_decline(application=application, message="  ", decided_by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, message="All places are filled this time.", decided_by=officer)

    application.refresh_from_db()
    assert application.status == PanelApplication.Status.DECLINED
    assert "All places are filled this time." in mail.outbox[-1].body
    assert Message.objects.filter(template="panels.application_declined").count() == 1


def test_a_withdrawn_application_cannot_be_accepted(officer, energy_panel, leaseholder):
    application = PanelApplicationFactory(
        panel=energy_panel, resident=leaseholder, status=PanelApplication.Status.WITHDRAWN
    )

    with pytest.raises(PanelError, match="Withdrawn"):
        application_accept(
            application=application,
            role="member",
            starts_on=date(2026, 4, 1),
            term_ends_on=None,
            message="",
            decided_by=officer,
        )

    assert not Membership.objects.exists()


def test_a_decision_is_messaged_once_however_often_it_is_retried(officer, energy_panel, leaseholder):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    application_shortlist(application=application, message="", decided_by=officer)

    with pytest.raises(PanelError):
        application_shortlist(application=application, message="", decided_by=officer)

    assert Message.objects.filter(template="panels.application_shortlisted").count() == 1


def test_an_officer_accepts_applications_in_admin_with_a_message(
    client, officer, energy_panel, leaseholder, django_capture_on_commit_callbacks
):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(officer)
    url = reverse("admin:panels_panelapplication_changelist")

    asked = client.post(url, {"action": "accept", "_selected_action": [application.pk]})
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {
                "action": "accept",
                "_selected_action": [application.pk],
                "apply": "1",
                "role": "member",
                "starts_on": "2026-04-01",
                "term_ends_on": "",
                "message": "Welcome aboard.",
            },
            follow=True,
        )

    assert "Accept the selected applications" in asked.content.decode()
    assert "1 application(s) accepted" in done.content.decode()
    assert Membership.objects.get(resident=leaseholder).panel == energy_panel
    assert "Welcome aboard." in mail.outbox[-1].body


def test_officers_see_why_an_application_could_not_be_decided(client, officer, energy_panel, leaseholder):
    withdrawn = PanelApplicationFactory(
        panel=energy_panel, resident=leaseholder, status=PanelApplication.Status.WITHDRAWN
    )
    client.force_login(officer)

    response = client.post(
        reverse("admin:panels_panelapplication_changelist"),
        {"action": "decline", "_selected_action": [withdrawn.pk], "apply": "1", "message": "Sorry"},
        follow=True,
    )

    assert "so it cannot be changed this way" in response.content.decode()


def test_officers_do_not_see_drafts_residents_have_not_sent(client, officer, energy_panel, leaseholder, tenant):
    PanelApplicationFactory(panel=energy_panel, resident=leaseholder, status=PanelApplication.Status.DRAFT)
    PanelApplicationFactory(panel=energy_panel, resident=tenant)
    client.force_login(officer)

    page = client.get(reverse("admin:panels_panelapplication_changelist")).content.decode()

    assert tenant.full_name in page
    assert leaseholder.full_name not in page


def test_officers_filter_applications_by_panel_status_and_tenure(
    client, officer, energy_panel, damp_panel, leaseholder, tenant
):
    PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    PanelApplicationFactory(panel=damp_panel, resident=tenant, status=PanelApplication.Status.SHORTLISTED)
    client.force_login(officer)
    url = reverse("admin:panels_panelapplication_changelist")

    by_panel = client.get(url, {"panel__id__exact": energy_panel.pk}).content.decode()
    by_status = client.get(url, {"status__exact": "shortlisted"}).content.decode()
    by_tenure = client.get(url, {"tenure": "resident_leaseholder"}).content.decode()

    assert leaseholder.full_name in by_panel and tenant.full_name not in by_panel
    assert tenant.full_name in by_status and leaseholder.full_name not in by_status
    assert leaseholder.full_name in by_tenure and tenant.full_name not in by_tenure


def test_officers_record_training_given(client, officer, energy_panel, leaseholder):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(officer)
    url = reverse("admin:panels_panelapplication_change", args=[application.pk])

    client.post(
        url,
        {
            "training-TOTAL_FORMS": "1",
            "training-INITIAL_FORMS": "0",
            "training-0-course": "How panels work",
            "training-0-given_on": "2026-03-10",
            "training-0-given_by": "Lewisham Tenants Fund",
            "training-0-notes": "",
        },
    )

    record = application.training.get()
    assert record.course == "How panels work"
    assert record.recorded_by == officer
    client.force_login(leaseholder.user)
    assert "How panels work" in client.get(reverse("panels:yours")).content.decode()


def test_an_officer_decides_an_application_from_its_own_page(
    client, officer, energy_panel, leaseholder, django_capture_on_commit_callbacks
):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(officer)
    page = client.get(reverse("admin:panels_panelapplication_change", args=[application.pk])).content.decode()
    accept_url = reverse("admin:panels_panelapplication_change_action", args=[application.pk, "accept"])
    assert f'href="{accept_url}"' in page

    asked = client.get(accept_url)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            accept_url,
            {
                "action": "accept",
                "_selected_action": [application.pk],
                "apply": "1",
                "role": "member",
                "starts_on": "2026-04-01",
                "term_ends_on": "",
                "message": "Welcome aboard.",
            },
            follow=True,
        )

    assert "Accept the selected applications" in asked.content.decode()
    assert done.redirect_chain[-1][0] == reverse("admin:panels_panelapplication_change", args=[application.pk])
    assert "1 application(s) accepted" in done.content.decode()
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.ACCEPTED
    assert Membership.objects.get(resident=leaseholder).panel == energy_panel
    assert "Welcome aboard." in mail.outbox[-1].body
    # Decided: its page offers no more decisions, and the address refuses one.
    assert accept_url not in done.content.decode()
    assert client.get(accept_url).status_code == 403


def test_community_relations_see_an_application_but_cannot_decide_it_from_its_page(
    client, community_relations, energy_panel, leaseholder
):
    application = PanelApplicationFactory(panel=energy_panel, resident=leaseholder)
    client.force_login(community_relations)
    decline_url = reverse("admin:panels_panelapplication_change_action", args=[application.pk, "decline"])

    page = client.get(reverse("admin:panels_panelapplication_change", args=[application.pk])).content.decode()
    refused = client.post(decline_url, {"apply": "1", "message": "No"})

    assert decline_url not in page
    assert refused.status_code == 403
    application.refresh_from_db()
    assert application.status == PanelApplication.Status.SUBMITTED
