"""The TRA directory keeps what they show (engagement/versions.py) and still shows a change at once.

Outside a test's transaction, as requests run: kept content is only used there.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.tests.factories import BlockFactory, EstateFactory
from tenants_associations.models import RecognitionStatus, TenantManagementOrganisation
from tenants_associations.tests.factories import tra_for

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

DIRECTORY = reverse("tenants_associations:directory")


def _page(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client, url)
    return len(queries)


@pytest.fixture
def rushey(db):
    estate = EstateFactory(name="Rushey Mead")
    BlockFactory(estate=estate, name="Mead House")
    return tra_for(estate, name="Rushey Mead TRA", slug="rushey-mead-tra")


def _tra_page(tra) -> str:
    return reverse("tenants_associations:detail", kwargs={"slug": tra.slug})


def test_the_directory_is_one_query_once_kept(client, rushey):
    _page(client, DIRECTORY)

    assert _queries(client, DIRECTORY) == 1


def test_the_directory_shows_a_new_tra_a_renamed_estate_and_a_tmo_at_once(client, rushey):
    estate = rushey.estates.get()
    assert "Rushey Mead TRA" in _page(client, DIRECTORY)

    rushey.status = RecognitionStatus.LAPSED
    rushey.save()
    assert "Lapsed" in _page(client, DIRECTORY)

    estate.name = "Rushey Mead North"
    estate.save()
    assert "Rushey Mead North</dt>" in _page(client, DIRECTORY)

    partial = tra_for(EstateFactory(), name="Mead House Residents", slug="mead-house")
    partial.blocks.add(estate.blocks.get())
    assert "Covers Mead House only" in _page(client, DIRECTORY)

    TenantManagementOrganisation.objects.create(name="Mead Homes TMO").estates.add(estate)
    assert "Managed by Mead Homes TMO" in _page(client, DIRECTORY)


def test_a_search_is_kept_apart_from_the_whole_list(client, rushey):
    other = tra_for(EstateFactory(name="Bellingham Green"), name="Bellingham TRA", slug="bellingham-tra")
    assert "Bellingham TRA" in _page(client, DIRECTORY)

    searched = _page(client, DIRECTORY, estate=rushey.estates.get().pk)

    assert "1 estate found" in searched and "Bellingham TRA" not in searched
    assert "Bellingham TRA" in _page(client, DIRECTORY)
    refused = _page(client, DIRECTORY, postcode="Catford!")
    assert "<title>Error:" in refused and "There is a problem" in refused
    other.delete()
    assert "Bellingham TRA" not in _page(client, DIRECTORY)
