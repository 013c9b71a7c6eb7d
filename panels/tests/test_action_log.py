"""The action log: what is overdue, and who can see it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from panels.models import ActionLogItem
from panels.tests.factories import ActionLogItemFactory, MembershipFactory, PanelFactory, PanelMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 20)


@pytest.mark.parametrize(
    "due, status, overdue",
    [
        (TODAY - timedelta(days=1), ActionLogItem.Status.NOT_STARTED, True),
        (TODAY - timedelta(days=1), ActionLogItem.Status.IN_PROGRESS, True),
        (TODAY, ActionLogItem.Status.NOT_STARTED, False),
        (TODAY + timedelta(days=1), ActionLogItem.Status.IN_PROGRESS, False),
        (TODAY - timedelta(days=30), ActionLogItem.Status.DONE, False),
        (TODAY - timedelta(days=30), ActionLogItem.Status.CLOSED, False),
    ],
)
def test_an_action_is_overdue_only_when_its_due_date_has_passed_and_it_is_not_finished(due, status, overdue):
    item = ActionLogItemFactory(due_date=due, status=status)

    assert item.is_overdue(TODAY) is overdue
    assert (item in ActionLogItem.objects.overdue(TODAY)) is overdue


def test_the_public_action_log_highlights_overdue_actions(client):
    panel = PanelFactory(publishes_records=True)
    yesterday = timezone.localdate() - timedelta(days=1)
    ActionLogItemFactory(panel=panel, action="Report repairs figures monthly", due_date=yesterday)
    ActionLogItemFactory(panel=panel, action="Publish satisfaction measures")
    ActionLogItemFactory(panel=panel, action="Bring complaint themes", due_date=yesterday, status="done")

    response = client.get(reverse("panels:action_log", kwargs={"slug": panel.slug}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 action is overdue." in page
    assert page.count(">Overdue</strong>") == 1
    overdue_row = page[page.index("Report repairs figures monthly") :].split("</tr>")[0]
    assert "Overdue" in overdue_row
    finished = page[page.index("Done or closed") :]
    assert "Bring complaint themes" in finished and "Overdue" not in finished


def test_a_panel_that_does_not_publish_shows_its_action_log_to_members_only(client, resident, other_resident):
    panel = PanelFactory(publishes_records=False)
    ActionLogItemFactory(panel=panel, action="Confidential follow-up")
    MembershipFactory(panel=panel, resident=resident)
    url = reverse("panels:action_log", kwargs={"slug": panel.slug})

    visitor = client.get(url)
    client.force_login(other_resident.user)
    outsider = client.get(url)
    client.force_login(resident.user)
    member = client.get(url)

    assert visitor.status_code == 403 and "Confidential follow-up" not in visitor.content.decode()
    assert "sign in</a> to see it" in visitor.content.decode()
    assert "shares its action log with its members only" in outsider.content.decode()
    assert "Confidential follow-up" in member.content.decode()


def test_officers_filter_the_action_log_to_what_is_overdue(client, officer):
    ActionLogItemFactory(action="Late action", due_date=timezone.localdate() - timedelta(days=3))
    ActionLogItemFactory(action="On time action")
    client.force_login(officer)

    page = client.get(reverse("admin:panels_actionlogitem_changelist"), {"overdue": "yes"}).content.decode()

    assert "Late action" in page and "On time action" not in page


def test_an_action_can_only_be_tied_to_a_meeting_of_its_own_panel(client, officer):
    panel, other = PanelFactory(), PanelFactory()
    meeting = PanelMeetingFactory(panel=other)
    client.force_login(officer)

    response = client.post(
        reverse("admin:panels_actionlogitem_add"),
        {
            "panel": panel.pk,
            "meeting": meeting.pk,
            "action": "Do it",
            "owner": "Someone",
            "due_date": "2026-06-01",
            "status": "not_started",
        },
    )

    assert "Choose a meeting of the same panel" in response.content.decode()
