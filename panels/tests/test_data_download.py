import pytest
from django.utils import timezone

from engagement.tests.downloads import download_my_data
from panels.services.records import membership_end
from panels.tests.factories import MembershipFactory, PanelApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_residents_applications_and_memberships_are_in_their_data_download(
    client, resident, other_resident, damp_panel, energy_panel
):
    application = PanelApplicationFactory(panel=damp_panel, resident=resident, why_join="Mould in my bathroom")
    application.training.create(course="How panels work", given_on="2026-02-01")
    ended = MembershipFactory(panel=energy_panel, resident=resident, role="chair")
    membership_end(membership=ended, on=timezone.localdate(), reason="Term ended")
    PanelApplicationFactory(panel=energy_panel, resident=other_resident, why_join="Owen's reasons")
    client.force_login(resident.user)

    download = download_my_data(client)
    data = download.data

    [applied] = data["Panel applications"]
    assert applied["panel"] == "Tackling damp and mould panel"
    assert applied["why_join"] == "Mould in my bathroom"
    assert applied["training_given"] == "How panels work (2026-02-01)"
    [membership] = data["Panel memberships"]
    assert membership["role"] == "Chair"
    assert membership["end_reason"] == "Term ended"
    assert "Owen's reasons" not in download.text
