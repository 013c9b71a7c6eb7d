"""What each staff role may do with panels in admin."""

import pytest
from django.urls import reverse

from panels.tests.factories import PanelApplicationFactory, PanelFactory

pytestmark = pytest.mark.django_db

LISTS = ["panel", "panelapplication", "membership", "panelmeeting", "actionlogitem"]


@pytest.mark.parametrize("model", LISTS)
def test_every_role_can_open_the_panels_lists(client, officer, community_relations, administrator, model):
    for user in (officer, community_relations, administrator):
        client.force_login(user)
        assert client.get(reverse(f"admin:panels_{model}_changelist")).status_code == 200


def test_community_relations_can_look_but_not_decide_applications(client, community_relations):
    application = PanelApplicationFactory()
    client.force_login(community_relations)

    page = client.get(reverse("admin:panels_panelapplication_changelist")).content.decode()
    client.post(
        reverse("admin:panels_panelapplication_changelist"),
        {"action": "decline", "_selected_action": [application.pk], "apply": "1", "message": "No"},
    )

    application.refresh_from_db()
    assert application.resident.full_name in page
    assert 'value="decline"' not in page
    assert application.status == "submitted"


def test_officers_can_set_up_panels_but_only_administrators_delete_them(client, officer, administrator):
    panel = PanelFactory()
    url = reverse("admin:panels_panel_delete", args=[panel.pk])

    client.force_login(officer)
    assert client.get(reverse("admin:panels_panel_add")).status_code == 200
    assert client.get(url).status_code == 403
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_a_residents_answers_cannot_be_edited_by_officers(client, officer):
    application = PanelApplicationFactory(why_join="In my own words")
    client.force_login(officer)

    form = client.get(reverse("admin:panels_panelapplication_change", args=[application.pk])).context["adminform"].form

    assert "why_join" not in form.fields


def test_residents_cannot_reach_panels_admin(client, resident):
    client.force_login(resident.user)

    response = client.get(reverse("admin:panels_panelapplication_changelist"))

    assert response.status_code == 302 and response.url.startswith("/admin/login/")
