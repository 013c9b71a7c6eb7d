import pytest

from panels.models import Panel
from panels.tests.factories import (
    EligibilityRuleFactory,
    PanelFactory,
    TaskAndFinishPanelFactory,
    resident_living,
)


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def leaseholder(db):
    return resident_living(tenure="resident_leaseholder", first_name="Lena", last_name="Leaseholder")


@pytest.fixture
def tenant(db):
    return resident_living(tenure="council_tenant", first_name="Tomasz", last_name="Tenant")


@pytest.fixture
def energy_panel(db):
    """Today's energy efficiency panel: leaseholders only, as the engagement framework has it."""
    panel = TaskAndFinishPanelFactory(name="Energy efficiency panel", slug="energy-efficiency", service_area="Energy")
    EligibilityRuleFactory(panel=panel, rule="tenure", tenure_types=["resident_leaseholder"])
    return panel


@pytest.fixture
def damp_panel(db):
    """Today's damp and mould panel: open to all residents."""
    panel = TaskAndFinishPanelFactory(name="Tackling damp and mould panel", slug="damp-and-mould")
    EligibilityRuleFactory(panel=panel, rule="any_resident")
    return panel


@pytest.fixture
def building_safety_panel(db):
    panel = PanelFactory(
        name="Building safety panel",
        slug="building-safety-panel",
        kind=Panel.Kind.BUILDING_SAFETY,
        contact_name="the building safety team",
        contact_email="BuildingSafety@lewisham.gov.uk",
    )
    EligibilityRuleFactory(panel=panel, rule="higher_risk_building")
    return panel
