"""What the tests of kept pages (engagement/versions.py) share.

They run outside a test's transaction, as requests do: kept content is only used there, and the
versions it is kept by are moved by PostgreSQL triggers as each write commits.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

KEPT_PAGE_TESTS = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]


def page_text(client, url: str, **query) -> str:
    """The page as the browser gets it; it must be there."""
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def page_queries(client, url: str, **query) -> int:
    """How many queries a visit to the page takes."""
    with CaptureQueriesContext(connection) as queries:
        page_text(client, url, **query)
    return len(queries)


def signed_in(resident) -> Client:
    """A browser of the resident's own, so two residents can be signed in side by side."""
    client = Client()
    client.force_login(resident.user)
    return client
