"""Meetings: minutes public only once approved, papers only for those who may see them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from panels.models import MeetingDocument
from panels.services import PanelError
from panels.services.records import meeting_minutes_approve
from panels.tests.factories import MembershipFactory, PanelFactory, PanelMeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

MINUTES = "The panel agreed to ask for monthly repairs figures."


@pytest.fixture
def publishing_panel(db):
    """Like the Service and Performance Panel: minutes and action log published."""
    return PanelFactory(name="Service and Performance Panel", slug="spp", publishes_records=True)


def _meeting_page(client, meeting):
    return client.get(reverse("panels:meeting", kwargs={"slug": meeting.panel.slug, "pk": meeting.pk})).content.decode()


def test_minutes_are_not_shown_until_they_are_approved(client, officer, publishing_panel):
    meeting = PanelMeetingFactory(panel=publishing_panel, minutes=MINUTES)

    before = _meeting_page(client, meeting)
    meeting_minutes_approve(meeting=meeting, approved_by=officer)
    after = _meeting_page(client, meeting)

    assert MINUTES not in before
    assert "will be published here once the panel has approved them" in before
    assert MINUTES in after
    assert "Approved on" in after


def test_minutes_cannot_be_approved_before_they_are_written_or_twice(officer, publishing_panel):
    meeting = PanelMeetingFactory(panel=publishing_panel, minutes="")

    with pytest.raises(PanelError, match="no minutes to approve"):
        meeting_minutes_approve(meeting=meeting, approved_by=officer)
    meeting.minutes = MINUTES
    meeting.save()
    meeting_minutes_approve(meeting=meeting, approved_by=officer)
    with pytest.raises(PanelError, match="already approved"):
        meeting_minutes_approve(meeting=meeting, approved_by=officer)


def test_a_panel_that_does_not_publish_shows_its_approved_minutes_to_members_only(
    client, officer, resident, other_resident
):
    panel = PanelFactory(publishes_records=False)
    meeting = PanelMeetingFactory(panel=panel, minutes=MINUTES)
    meeting_minutes_approve(meeting=meeting, approved_by=officer)
    MembershipFactory(panel=panel, resident=resident)

    public = _meeting_page(client, meeting)
    client.force_login(other_resident.user)
    outsider = _meeting_page(client, meeting)
    client.force_login(resident.user)
    member = _meeting_page(client, meeting)

    assert MINUTES not in public and MINUTES not in outsider
    assert "are for its members" in outsider
    assert MINUTES in member


def _paper(meeting):
    return MeetingDocument.objects.create(
        meeting=meeting, title="Repairs report", file=ContentFile(pdf_bytes(), name="report.pdf")
    )


def test_papers_of_a_publishing_panel_can_be_downloaded_by_anyone(client, publishing_panel):
    paper = _paper(PanelMeetingFactory(panel=publishing_panel))

    response = client.get(reverse("panels:document", kwargs={"slug": publishing_panel.slug, "pk": paper.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert paper.size_bytes == len(pdf_bytes())


def test_papers_of_other_panels_are_explained_as_members_only(client, resident, other_resident):
    panel = PanelFactory(publishes_records=False)
    paper = _paper(PanelMeetingFactory(panel=panel))
    MembershipFactory(panel=panel, resident=resident)
    url = reverse("panels:document", kwargs={"slug": panel.slug, "pk": paper.pk})

    client.force_login(other_resident.user)
    refused = client.get(url)
    client.force_login(resident.user)
    allowed = client.get(url)

    assert refused.status_code == 403
    assert "shares its papers, minutes and action log with its members only" in refused.content.decode()
    assert allowed.status_code == 200


def test_a_paper_is_found_only_under_its_own_panel(client, publishing_panel):
    paper = _paper(PanelMeetingFactory(panel=PanelFactory(publishes_records=False)))

    response = client.get(reverse("panels:document", kwargs={"slug": publishing_panel.slug, "pk": paper.pk}))

    assert response.status_code == 404


def test_approving_minutes_in_admin_needs_the_permission(client, officer, community_relations, publishing_panel):
    meeting = PanelMeetingFactory(panel=publishing_panel, minutes=MINUTES)
    url = reverse("admin:panels_panelmeeting_changelist")

    client.force_login(community_relations)
    client.post(url, {"action": "approve_minutes", "_selected_action": [meeting.pk]})
    meeting.refresh_from_db()
    assert not meeting.minutes_approved

    client.force_login(officer)
    client.post(url, {"action": "approve_minutes", "_selected_action": [meeting.pk]})
    meeting.refresh_from_db()
    assert meeting.minutes_approved and meeting.minutes_approved_by == officer


def test_approved_minutes_cannot_be_edited_in_admin(client, officer, publishing_panel):
    meeting = PanelMeetingFactory(panel=publishing_panel, minutes=MINUTES)
    meeting_minutes_approve(meeting=meeting, approved_by=officer)
    client.force_login(officer)

    form = client.get(reverse("admin:panels_panelmeeting_change", args=[meeting.pk])).context["adminform"].form

    assert "minutes" not in form.fields


def test_minutes_are_approved_from_the_meetings_own_page(client, officer, community_relations, publishing_panel):
    meeting = PanelMeetingFactory(panel=publishing_panel, minutes=MINUTES)
    url = reverse("admin:panels_panelmeeting_change_action", args=[meeting.pk, "approve_minutes"])
    client.force_login(community_relations)
    assert client.post(url, {"confirm": "1"}).status_code == 403
    client.force_login(officer)
    assert url in client.get(reverse("admin:panels_panelmeeting_change", args=[meeting.pk])).content.decode()

    client.post(url, {"confirm": "1"})

    meeting.refresh_from_db()
    assert meeting.minutes_approved and meeting.minutes_approved_by == officer
