"""Every staff change to a resident's data is kept with its old and new values, who and when,
and administrators (only) can read it."""

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from engagement.models import Interest, Resident
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def admin_form_as_posted(response) -> dict:
    """The admin change form's data exactly as the page shows it, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            if value is None:
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    return data


@pytest.fixture
def rita(db):
    resident = ResidentFactory(first_name="Rita", last_name="Resident", mobile="+447700900123")
    resident.interests.add(Interest.objects.get(code="surveys"))
    return resident


def _history(client, resident) -> str:
    return client.get(reverse("admin:engagement_resident_auditlog", args=[resident.pk])).content.decode()


def test_an_administrator_reads_the_old_and_new_values_of_an_officers_change(client, officer, administrator, rita):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[rita.pk])
    data = admin_form_as_posted(client.get(url))
    data.update({"last_name": "Okafor", "mobile": "07700 900555"})

    response = client.post(url, data)

    assert response.status_code == 302
    rita.refresh_from_db()
    assert (rita.first_name, rita.last_name, rita.mobile) == ("Rita", "Okafor", "+447700900555")
    assert [i.code for i in rita.interests.all()] == ["surveys"]  # nothing else changed

    client.force_login(administrator)
    page = client.get(url).content.decode()
    history_url = reverse("admin:engagement_resident_auditlog", args=[rita.pk])
    assert f'href="{history_url}"' in page
    history = _history(client, rita)
    assert re.search(r"Resident\s*</td>\s*<td[^>]*>\s*Okafor", history), history
    assert "+447700900123" in history and "+447700900555" in history
    assert "officer@example.gov.uk" in history
    entry = LogEntry.objects.get_for_object(rita).get(actor=officer)
    assert entry.changes_dict == {"last_name": ["Resident", "Okafor"], "mobile": ["+447700900123", "+447700900555"]}
    assert entry.timestamp is not None


def test_the_change_of_a_list_such_as_interests_is_recorded_too(client, officer, rita):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[rita.pk])
    data = admin_form_as_posted(client.get(url))
    data["interests"] = [str(Interest.objects.get(code="events").pk)]

    client.post(url, data)

    changes = [entry.changes_dict for entry in LogEntry.objects.get_for_object(rita).filter(actor=officer)]
    assert any("interests" in change for change in changes), changes


def test_officers_and_community_relations_cannot_read_the_trail(client, officer, community_relations, rita):
    for user in (officer, community_relations):
        client.force_login(user)
        assert client.get(reverse("admin:engagement_resident_auditlog", args=[rita.pk])).status_code == 403
        assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403
        page = client.get(reverse("admin:engagement_resident_change", args=[rita.pk])).content.decode()
        assert "old and new values" not in page


def test_administrators_find_every_recorded_change_in_the_audit_log(client, officer, administrator, rita):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[rita.pk])
    data = admin_form_as_posted(client.get(url))
    data["mobile"] = "07700 900999"
    client.post(url, data)
    client.force_login(administrator)

    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()

    assert "Rita Resident" in page and "mobile" in page


def test_a_tra_committees_decision_on_a_membership_request_is_recorded(client):
    from tenants_associations.models import Membership
    from tenants_associations.tests.factories import CommitteeRoleFactory, MembershipFactory, TenantsAssociationFactory

    tra = TenantsAssociationFactory()
    secretary = CommitteeRoleFactory(tra=tra, role="secretary").resident
    request = MembershipFactory(tra=tra, status=Membership.Status.REQUESTED)
    client.force_login(secretary.user)

    client.post(
        reverse("tenants_associations:committee_request", kwargs={"slug": tra.slug, "membership_id": request.pk}),
        {"decision": "accept"},
    )

    request.refresh_from_db()
    assert request.status == Membership.Status.MEMBER
    entry = LogEntry.objects.get_for_object(request).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == secretary.user
    assert entry.changes_dict["status"] == ["requested", "member"]


def test_residents_own_changes_are_recorded_as_theirs(client, rita):
    client.force_login(rita.user)

    client.post(
        reverse("contact_details"),
        {"first_name": "Rita", "last_name": "Resident", "mobile": "07700 900777", "preferred_language": "English"},
    )

    assert Resident.objects.get(pk=rita.pk).mobile == "+447700900777"
    entry = LogEntry.objects.get_for_object(rita).get(changes__has_key="mobile", action=LogEntry.Action.UPDATE)
    assert entry.actor == rita.user and entry.changes_dict["mobile"] == ["+447700900123", "+447700900777"]
