"""Asking to join, the secretary's answer, and leaving: each step tells the right people."""

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import Message
from engagement.tests.factories import EstateFactory
from tenants_associations.models import CommitteeRole, Membership
from tenants_associations.services.membership import (
    MembershipRefused,
    membership_accept,
    membership_leave,
    membership_request,
)
from tenants_associations.tests.factories import CommitteeRoleFactory, MembershipFactory, resident_on, tra_for

pytestmark = pytest.mark.django_db


def _join_url(tra):
    return reverse("tenants_associations:join", kwargs={"slug": tra.slug})


def test_a_resident_asks_to_join_and_the_secretary_is_told(
    client, resident, tra, secretary, django_capture_on_commit_callbacks
):
    client.force_login(resident.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_join_url(tra), {"note": "I can help with the newsletter"})

    assert response.status_code == 302
    membership = Membership.objects.get(resident=resident)
    assert membership.status == Membership.Status.REQUESTED
    assert membership.note == "I can help with the newsletter"
    message = Message.objects.get(template="tenants_associations.membership_requested")
    assert message.resident == secretary
    assert [email.to for email in mail.outbox] == [[secretary.email]]
    body = mail.outbox[0].body
    assert "Rita Resident" in body and "I can help with the newsletter" in body
    assert f"/committee/requests/{membership.pk}/" in body
    # The secretary sees who asked, never how to reach them directly.
    assert resident.email not in body


def test_the_page_tells_the_resident_their_request_is_with_the_committee(client, resident, tra, secretary):
    client.force_login(resident.user)

    page = client.post(_join_url(tra), {"note": ""}, follow=True).content.decode()

    assert f"You have asked to join {tra.name}" in page
    assert "You asked to join on" in page


def test_with_no_committee_on_record_community_relations_hear_of_the_request(client, resident, tra, settings):
    client.force_login(resident.user)

    client.post(_join_url(tra), {"note": ""})

    message = Message.objects.get(template="tenants_associations.membership_requested")
    assert message.resident is None
    assert message.to_address == settings.COMMUNITY_RELATIONS_EMAIL


def test_residents_of_other_estates_are_told_which_tra_covers_them(client, other_resident, tra):
    own_estate = other_resident.home.block.estate
    own_tra = tra_for(own_estate, name="Oakside TRA")
    client.force_login(other_resident.user)

    response = client.get(_join_url(tra))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{tra.name} does not cover your home" in page
    assert own_tra.name in page
    assert reverse("tenants_associations:detail", kwargs={"slug": own_tra.slug}) in page
    assert client.post(_join_url(tra), {"note": ""}).status_code == 200
    assert not Membership.objects.exists()


def test_residents_of_estates_with_no_tra_are_invited_to_start_one(client, other_resident, tra):
    client.force_login(other_resident.user)

    page = client.get(_join_url(tra)).content.decode()

    assert "There is no TRA for your home yet" in page
    assert reverse("tenants_associations:start") in page


def test_a_resident_who_has_not_confirmed_their_tenancy_is_asked_to_first(client, resident, tra):
    resident.tenancy_verified_at = None
    resident.save()
    client.force_login(resident.user)

    response = client.get(_join_url(tra))

    assert response.status_code == 302
    assert response.url.startswith(reverse("verify_tenancy"))


def test_visitors_are_asked_to_sign_in_to_join(client, tra):
    response = client.get(_join_url(tra))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_asking_twice_records_one_request(resident, tra):
    membership_request(tra=tra, resident=resident)

    with pytest.raises(MembershipRefused) as refused:
        membership_request(tra=tra, resident=resident)

    assert refused.value.code == "already_open"
    assert Membership.objects.count() == 1


def test_the_secretary_accepts_and_the_resident_is_told(
    secretary_client, resident, tra, secretary, django_capture_on_commit_callbacks
):
    membership = membership_request(tra=tra, resident=resident)
    url = reverse("tenants_associations:committee_request", kwargs={"slug": tra.slug, "membership_id": membership.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary_client.post(url, {"decision": "accept", "reason": ""}, follow=True)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.MEMBER
    assert membership.decided_by == secretary.user
    assert "Rita Resident is now a member" in response.content.decode()
    accepted = [email for email in mail.outbox if email.to == [resident.email]]
    assert len(accepted) == 1 and f"Welcome to {tra.name}" in accepted[0].subject


def test_the_secretary_declines_with_a_reason_the_resident_reads(
    secretary_client, resident, tra, django_capture_on_commit_callbacks
):
    membership = membership_request(tra=tra, resident=resident)
    url = reverse("tenants_associations:committee_request", kwargs={"slug": tra.slug, "membership_id": membership.pk})

    with django_capture_on_commit_callbacks(execute=True):
        secretary_client.post(url, {"decision": "decline", "reason": "You already belong to the block association."})

    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    email = next(email for email in mail.outbox if email.to == [resident.email])
    assert "You already belong to the block association." in email.body


def test_the_answer_must_be_chosen_and_what_was_typed_is_kept(secretary_client, resident, tra):
    membership = membership_request(tra=tra, resident=resident)
    url = reverse("tenants_associations:committee_request", kwargs={"slug": tra.slug, "membership_id": membership.pk})

    response = secretary_client.post(url, {"reason": "Some words"})

    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select whether you accept the request" in page
    assert "Some words" in page
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED


def test_a_request_answered_twice_keeps_the_first_answer(resident, tra, secretary):
    membership = membership_request(tra=tra, resident=resident)
    membership_accept(membership=membership, decided_by=secretary.user)

    with pytest.raises(MembershipRefused):
        membership_accept(membership=membership, decided_by=secretary.user)

    assert Message.objects.filter(template="tenants_associations.membership_accepted").count() == 1


def test_any_officer_of_the_tra_can_answer_but_ordinary_committee_members_cannot(client, resident, tra):
    treasurer = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.TREASURER).resident
    ordinary = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.COMMITTEE_MEMBER).resident
    membership = membership_request(tra=tra, resident=resident)
    url = reverse("tenants_associations:committee_request", kwargs={"slug": tra.slug, "membership_id": membership.pk})

    client.force_login(ordinary.user)
    refused = client.post(url, {"decision": "accept"})
    assert refused.status_code == 403
    assert "Only the officers of" in refused.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED

    client.force_login(treasurer.user)
    client.post(url, {"decision": "accept"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.MEMBER


def test_requests_go_to_the_secretary_or_to_every_officer_when_there_is_none(resident, tra):
    chair = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.CHAIR).resident
    treasurer = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.TREASURER).resident
    CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.COMMITTEE_MEMBER)

    membership_request(tra=tra, resident=resident)

    told = set(
        Message.objects.filter(template="tenants_associations.membership_requested").values_list("resident", flat=True)
    )
    assert told == {chair.pk, treasurer.pk}


def test_a_member_leaves_and_both_they_and_the_secretary_are_told(
    client, resident, tra, secretary, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(tra=tra, resident=resident)
    client.force_login(resident.user)
    url = reverse("tenants_associations:leave", kwargs={"slug": tra.slug})
    assert f"Are you sure you want to leave {tra.name}?" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True).content.decode()

    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    assert f"You have left {tra.name}" in page
    assert {tuple(email.to) for email in mail.outbox} == {(resident.email,), (secretary.email,)}
    to_secretary = next(email for email in mail.outbox if email.to == [secretary.email])
    assert "Rita Resident has left" in to_secretary.subject


def test_withdrawing_a_request_tells_only_the_resident(resident, tra, secretary):
    membership = membership_request(tra=tra, resident=resident)
    Message.objects.all().delete()

    membership_leave(membership=membership)

    assert list(Message.objects.values_list("template", "resident")) == [
        ("tenants_associations.membership_left", resident.pk)
    ]


def test_a_member_who_leaves_gives_up_their_committee_seat_and_representation(tra, secretary):
    membership = Membership.objects.get(tra=tra, resident=secretary)
    membership.is_representative = True
    membership.save()

    membership_leave(membership=membership)

    assert not CommitteeRole.objects.current().filter(tra=tra, resident=secretary).exists()
    membership.refresh_from_db()
    assert membership.is_representative is False


def test_a_member_can_ask_to_join_again_after_leaving(resident, tra):
    membership_leave(membership=MembershipFactory(tra=tra, resident=resident))

    again = membership_request(tra=tra, resident=resident)

    assert again.status == Membership.Status.REQUESTED
    assert Membership.objects.filter(resident=resident).count() == 2


def test_a_resident_can_join_a_tra_covering_only_their_block(resident):
    block = resident.home.block
    other_block_tra = tra_for(EstateFactory(ward=block.estate.ward), name="Elsewhere TRA")
    block_tra = tra_for(EstateFactory(ward=block.estate.ward), name="Block TRA")
    block_tra.estates.clear()
    block_tra.blocks.add(block)

    assert membership_request(tra=block_tra, resident=resident).status == Membership.Status.REQUESTED
    with pytest.raises(MembershipRefused):
        membership_request(tra=other_block_tra, resident=resident)


def test_a_neighbour_on_another_block_of_the_estate_is_not_covered_by_a_block_tra(resident):
    block = resident.home.block
    block_tra = tra_for(EstateFactory(ward=block.estate.ward), name="Block TRA")
    block_tra.estates.clear()
    block_tra.blocks.add(block)
    from engagement.tests.factories import BlockFactory

    elsewhere_on_estate = resident_on(block.estate)
    elsewhere_on_estate.tenancy.home.block = BlockFactory(estate=block.estate)
    elsewhere_on_estate.tenancy.home.save()

    with pytest.raises(MembershipRefused):
        membership_request(tra=block_tra, resident=elsewhere_on_estate)
