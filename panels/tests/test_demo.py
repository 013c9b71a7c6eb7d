import pytest
from django.core.management import call_command
from django.urls import reverse

from panels.models import ActionLogItem, Membership, Panel, PanelApplication, PanelMeeting

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(model.objects.count() for model in (Panel, PanelMeeting, ActionLogItem, Membership, PanelApplication))


def test_the_demo_has_todays_panels_and_loading_it_again_changes_nothing(client, settings, tmp_path):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")

    assert _counts() == first
    names = set(Panel.objects.values_list("name", flat=True))
    assert {
        "Tackling damp and mould panel",
        "Repair improvement plan panel",
        "Capital programme evidence panel",
        "Energy efficiency panel",
        "Service and Performance Panel",
        "Building safety panel",
        "Leasehold forum",
        "Independent living forum",
    } <= names
    spp = Panel.objects.get(slug="service-and-performance-panel")
    assert spp.publishes_records and spp.terms_of_reference
    assert ActionLogItem.objects.overdue().exists()
    assert client.get(reverse("panels:terms_of_reference", kwargs={"slug": spp.slug})).status_code == 200
    assert client.get(reverse("panels:detail", kwargs={"slug": spp.slug})).status_code == 200
