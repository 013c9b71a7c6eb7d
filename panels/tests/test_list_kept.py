"""The panels list keeps what it shows visitors (engagement/versions.py) and still shows a change at once.

Outside a test's transaction, as requests run: kept content is only used there.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.tests.factories import EstateFactory
from panels.models import Panel
from panels.tests.factories import EligibilityRuleFactory, MembershipFactory, PanelFactory, resident_living

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

PANELS = reverse("panels:list")


def _page(client) -> str:
    response = client.get(PANELS)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_is_one_query_for_a_visitor_once_kept(client):
    PanelFactory(name="Repairs board")
    _page(client)

    with CaptureQueriesContext(connection) as queries:
        _page(client)

    assert len(queries) == 1


def test_a_panel_opening_closing_and_changing_who_can_join_shows_at_once(client):
    panel = PanelFactory(name="Repairs board", status=Panel.Status.ACTIVE)
    assert "Not recruiting" in _page(client)

    panel.status = Panel.Status.RECRUITING
    panel.save()
    assert "Recruiting" in _page(client) and "Not recruiting" not in _page(client)

    rule = EligibilityRuleFactory(panel=panel, rule="estates")
    rule.estates.add(EstateFactory(name="Rushey Mead"))
    assert "Open to residents of Rushey Mead" in _page(client)

    Panel.objects.filter(pk=panel.pk).update(status=Panel.Status.FINISHED)
    assert "Finished panels" in _page(client)


def test_a_resident_sees_where_they_stand_and_visitors_do_not(client):
    panel = PanelFactory(name="Repairs board")
    member = resident_living()
    MembershipFactory(panel=panel, resident=member)
    assert "You are a member" not in _page(client)

    client.force_login(member.user)
    assert "You are a member" in _page(client)
    client.logout()
    assert "You are a member" not in _page(client)
