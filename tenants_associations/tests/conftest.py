"""The TRA cast: the resident's own TRA with its secretary, and a second TRA elsewhere."""

import pytest

from tenants_associations.models import CommitteeRole
from tenants_associations.tests.factories import CommitteeRoleFactory, resident_on, tra_for


@pytest.fixture
def estate(resident):
    return resident.home.block.estate


@pytest.fixture
def tra(estate):
    """The TRA covering the standing `resident`'s estate."""
    return tra_for(estate, name="Riverside TRA", slug="riverside-tra")


@pytest.fixture
def secretary(tra):
    return CommitteeRoleFactory(
        tra=tra,
        role=CommitteeRole.Role.SECRETARY,
        resident=resident_on(tra.estates.get(), first_name="Sam", last_name="Secretary"),
    ).resident


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary.user)
    return client


@pytest.fixture
def neighbour(estate):
    """Another resident on the same estate."""
    return resident_on(estate, first_name="Nell", last_name="Neighbour")


@pytest.fixture
def visitor():
    """A second browser, not signed in (`client` is often signed in as someone)."""
    from django.test import Client

    return Client()
