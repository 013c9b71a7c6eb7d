"""The standing cast: a resident, another resident, and a member of staff in each role."""

import pytest

from engagement import roles
from engagement.tests.factories import ResidentFactory, StaffFactory


@pytest.fixture
def resident(db):
    return ResidentFactory(first_name="Rita", last_name="Resident")


@pytest.fixture
def other_resident(db):
    return ResidentFactory(first_name="Owen", last_name="Other")


@pytest.fixture
def officer(db):
    return StaffFactory(email="officer@example.gov.uk", role=roles.ENGAGEMENT_OFFICER)


@pytest.fixture
def community_relations(db):
    return StaffFactory(email="community@example.gov.uk", role=roles.COMMUNITY_RELATIONS)


@pytest.fixture
def administrator(db):
    return StaffFactory(email="admin@example.gov.uk", role=roles.ADMINISTRATOR)


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident.user)
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
