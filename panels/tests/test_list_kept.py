"""The panels list keeps what it shows visitors (engagement/versions.py) and still shows a change at once."""

from django.urls import reverse

from engagement.tests.factories import EstateFactory
from engagement.tests.kept import KEPT_PAGE_TESTS, page_queries, page_text
from panels.models import Panel
from panels.tests.factories import EligibilityRuleFactory, MembershipFactory, PanelFactory, resident_living

pytestmark = KEPT_PAGE_TESTS

PANELS = reverse("panels:list")


def test_the_list_is_one_query_for_a_visitor_once_kept(client):
    PanelFactory(name="Repairs board")
    page_text(client, PANELS)

    assert page_queries(client, PANELS) == 1


def test_a_panel_opening_closing_and_changing_who_can_join_shows_at_once(client):
    panel = PanelFactory(name="Repairs board", status=Panel.Status.ACTIVE)
    assert "Not recruiting" in page_text(client, PANELS)

    panel.status = Panel.Status.RECRUITING
    panel.save()
    assert "Recruiting" in page_text(client, PANELS) and "Not recruiting" not in page_text(client, PANELS)

    rule = EligibilityRuleFactory(panel=panel, rule="estates")
    rule.estates.add(EstateFactory(name="Rushey Mead"))
    assert "Open to residents of Rushey Mead" in page_text(client, PANELS)

    Panel.objects.filter(pk=panel.pk).update(status=Panel.Status.FINISHED)
    assert "Finished panels" in page_text(client, PANELS)


def test_a_resident_sees_where_they_stand_and_visitors_do_not(client):
    panel = PanelFactory(name="Repairs board")
    member = resident_living()
    MembershipFactory(panel=panel, resident=member)
    assert "You are a member" not in page_text(client, PANELS)

    client.force_login(member.user)
    assert "You are a member" in page_text(client, PANELS)
    client.logout()
    assert "You are a member" not in page_text(client, PANELS)
