"""Memberships: ending or changing one keeps the history, and residents see theirs."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from engagement.tests.admin_forms import read_form
from panels.models import Membership
from panels.services import PanelError
from panels.services.applications import application_accept
from panels.services.records import membership_change_role, membership_end
from panels.tests.factories import MembershipFactory, PanelApplicationFactory, PanelFactory

pytestmark = pytest.mark.django_db


def test_ending_a_membership_keeps_it_with_its_dates_and_reason(resident, damp_panel):
    membership = MembershipFactory(panel=damp_panel, resident=resident)
    today = timezone.localdate()

    membership_end(membership=membership, on=today, reason="Stood down")

    membership.refresh_from_db()
    assert membership.ended_on == today
    assert membership.end_reason == "Stood down"
    assert not membership.is_current
    assert Membership.objects.filter(resident=resident).count() == 1
    assert not Membership.objects.current().filter(resident=resident).exists()


def test_a_membership_cannot_end_in_the_future_or_before_it_began(resident, damp_panel):
    membership = MembershipFactory(panel=damp_panel, resident=resident)

    with pytest.raises(PanelError, match="today or on a date in the past"):
        membership_end(membership=membership, on=timezone.localdate() + timedelta(days=1), reason="")
    with pytest.raises(PanelError, match="cannot end before that"):
        membership_end(membership=membership, on=membership.started_on - timedelta(days=1), reason="")


def test_changing_role_ends_the_old_membership_and_starts_a_new_one(resident, damp_panel):
    membership = MembershipFactory(panel=damp_panel, resident=resident)
    today = timezone.localdate()

    chair = membership_change_role(membership=membership, role=Membership.Role.CHAIR, on=today)

    history = list(Membership.objects.filter(resident=resident).order_by("started_on"))
    assert [m.role for m in history] == [Membership.Role.MEMBER, Membership.Role.CHAIR]
    assert history[0].ended_on == today and history[0].end_reason == "Became chair"
    assert chair.is_current and chair.started_on == today


def test_a_resident_holds_one_current_seat_per_panel_but_may_return_after_leaving(resident, damp_panel):
    first = MembershipFactory(panel=damp_panel, resident=resident)
    membership_end(membership=first, on=timezone.localdate(), reason="Moved away")

    MembershipFactory(panel=damp_panel, resident=resident)
    with pytest.raises(IntegrityError):
        MembershipFactory(panel=damp_panel, resident=resident)


def test_accepting_someone_already_on_the_panel_is_refused(officer, resident, damp_panel):
    MembershipFactory(panel=damp_panel, resident=resident)
    application = PanelApplicationFactory(panel=damp_panel, resident=resident)

    with pytest.raises(PanelError, match="already a member"):
        application_accept(
            application=application,
            role="member",
            starts_on=timezone.localdate(),
            term_ends_on=None,
            message="",
            decided_by=officer,
        )


def test_my_panels_shows_current_and_past_seats_and_applications(client, resident, damp_panel, energy_panel):
    past = MembershipFactory(panel=energy_panel, resident=resident, role=Membership.Role.CHAIR)
    membership_end(membership=past, on=timezone.localdate(), reason="Panel finished")
    MembershipFactory(panel=damp_panel, resident=resident, role=Membership.Role.VICE_CHAIR)
    PanelApplicationFactory(
        panel=energy_panel, resident=resident, status="declined", decision_message="Places are full."
    )
    client.force_login(resident.user)

    page = client.get(reverse("panels:yours")).content.decode()

    current = page[page.index("Panels you are on") : page.index("Your applications")]
    earlier = page[page.index("Panels you were on") :]
    assert "Tackling damp and mould panel" in current and "vice-chair since" in current
    assert "Energy efficiency panel" in earlier and "chair from" in earlier
    assert "Not successful" in page and "Places are full." in page


def test_my_panels_never_shows_another_residents_applications(client, resident, other_resident, damp_panel):
    PanelApplicationFactory(panel=damp_panel, resident=other_resident, why_join="Owen's private reasons")
    client.force_login(resident.user)

    page = client.get(reverse("panels:yours")).content.decode()

    assert damp_panel.name not in page
    assert "You have not applied to any panels." in page


def test_officers_end_memberships_in_admin_and_cannot_delete_them(client, officer, resident, damp_panel):
    membership = MembershipFactory(panel=damp_panel, resident=resident)
    client.force_login(officer)
    url = reverse("admin:panels_membership_changelist")

    client.post(
        url,
        {
            "action": "end_memberships",
            "_selected_action": [membership.pk],
            "apply": "1",
            "ended_on": timezone.localdate().isoformat(),
            "reason": "Term ended",
        },
    )
    delete = client.get(reverse("admin:panels_membership_delete", args=[membership.pk]))

    membership.refresh_from_db()
    assert membership.ended_on == timezone.localdate()
    assert membership.end_reason == "Term ended"
    assert delete.status_code == 403


def test_officers_add_a_member_of_staff_to_a_panel(client, officer, administrator, damp_panel):
    client.force_login(officer)

    response = client.post(
        reverse("admin:panels_membership_add"),
        {"panel": damp_panel.pk, "staff_user": administrator.pk, "role": "staff_member", "started_on": "2026-01-05"},
    )
    wrong = client.post(
        reverse("admin:panels_membership_add"),
        {"panel": damp_panel.pk, "staff_user": administrator.pk, "role": "chair", "started_on": "2026-01-05"},
    )

    assert response.status_code == 302
    assert Membership.objects.get().staff_user == administrator
    assert "Members of staff hold staff member seats" in wrong.content.decode()


@pytest.mark.parametrize("held_by", ["member of staff", "resident"])
def test_a_membership_saved_unchanged_in_admin_stays_as_it_was(client, officer, administrator, resident, held_by):
    panel = PanelFactory(name="Service and Performance Panel")
    if held_by == "resident":
        membership = MembershipFactory(panel=panel, resident=resident)
    else:
        membership = MembershipFactory(panel=panel, resident=None, staff_user=administrator, role="staff_member")
    before = Membership.objects.filter(pk=membership.pk).values().get()
    client.force_login(officer)
    url = reverse("admin:panels_membership_change", args=[membership.pk])

    saved = client.post(url, read_form(client.get(url).content.decode(), "membership_form").post_data())

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    assert Membership.objects.filter(pk=membership.pk).values().get() == before


def test_a_term_cannot_be_set_to_end_before_the_membership_started(client, officer, resident, damp_panel):
    membership = MembershipFactory(panel=damp_panel, resident=resident)
    client.force_login(officer)
    url = reverse("admin:panels_membership_change", args=[membership.pk])
    data = read_form(client.get(url).content.decode(), "membership_form").post_data()
    data["term_ends_on"] = [(membership.started_on - timedelta(days=1)).isoformat()]

    refused = client.post(url, data)

    assert "The term must end after it starts" in refused.content.decode()
    membership.refresh_from_db()
    assert membership.term_ends_on is None
