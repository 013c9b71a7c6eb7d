"""The public pages: the list of panels, a kind of panel, and a panel's own page."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from engagement.framework import FRAMEWORK
from panels.models import Panel
from panels.tests.factories import PanelFactory, TaskAndFinishPanelFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def test_the_list_groups_panels_boards_and_forums_and_keeps_finished_ones_apart(client):
    TaskAndFinishPanelFactory(name="Tackling damp and mould panel")
    PanelFactory(name="Service and Performance Panel", kind=Panel.Kind.SERVICE_AND_PERFORMANCE)
    PanelFactory(name="Leasehold forum", kind=Panel.Kind.LEASEHOLD_FORUM)
    TaskAndFinishPanelFactory(name="Estate parking panel", status=Panel.Status.FINISHED)

    page = client.get(reverse("panels:list")).content.decode()

    resident_panels = page[page.index(">Resident panels<") : page.index(">Boards<")]
    boards = page[page.index(">Boards<") : page.index(">Forums<")]
    forums = page[page.index(">Forums<") : page.index(">Finished panels<")]
    finished = page[page.index(">Finished panels<") :]
    assert "Tackling damp and mould panel" in resident_panels
    assert "Service and Performance Panel" in boards
    assert "Leasehold forum" in forums
    assert "Estate parking panel" in finished and "Estate parking panel" not in resident_panels


def test_the_home_pages_links_lead_to_each_kind_of_panel(client):
    PanelFactory(name="Building safety panel", slug="building-safety-panel", kind=Panel.Kind.BUILDING_SAFETY)
    TaskAndFinishPanelFactory(name="Energy efficiency panel")
    TaskAndFinishPanelFactory(name="Repair improvement plan panel")
    links = {element.title: element.url for group in FRAMEWORK for element in group.elements}

    building_safety = client.get(links["Building safety panel"])
    resident_panels = client.get(links["Resident panels"]).content.decode()
    forums = client.get(links["Leasehold forum"])

    assert building_safety.status_code == 302
    assert building_safety.url == reverse("panels:detail", kwargs={"slug": "building-safety-panel"})
    assert "Energy efficiency panel" in resident_panels and "Repair improvement plan panel" in resident_panels
    assert forums.status_code == 200 and "There are none at the moment" in forums.content.decode()


def test_a_task_and_finish_panel_shows_its_task_outcome_and_date(client):
    panel = TaskAndFinishPanelFactory(
        task="Review damp reports.", outcome_required="A new response standard.", deliver_by=date(2026, 9, 30)
    )

    page = client.get(reverse("panels:detail", kwargs={"slug": panel.slug})).content.decode()

    assert "Review damp reports." in page
    assert "A new response standard." in page
    assert "30 September 2026" in page


def test_terms_of_reference_past_their_review_date_are_shown_as_due(client):
    panel = PanelFactory(terms_of_reference_review_date=date(2025, 12, 31))
    panel.terms_of_reference.save("terms.pdf", ContentFile(pdf_bytes()))
    later = PanelFactory(terms_of_reference_review_date=date(2099, 1, 1))
    later.terms_of_reference.save("terms.pdf", ContentFile(pdf_bytes()))

    due = client.get(reverse("panels:detail", kwargs={"slug": panel.slug})).content.decode()
    not_due = client.get(reverse("panels:detail", kwargs={"slug": later.slug})).content.decode()
    download = client.get(reverse("panels:terms_of_reference", kwargs={"slug": panel.slug}))

    assert "due for review (31 December 2025)" in due
    assert "due for review" not in not_due and "Next review: 1 January 2099" in not_due
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_a_panel_cannot_take_a_web_address_its_pages_use(client, officer):
    client.force_login(officer)

    response = client.post(reverse("admin:panels_panel_add"), {"name": "Yours", "slug": "yours"})

    assert "is used by another page" in response.content.decode()
