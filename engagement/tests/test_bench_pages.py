"""The page benchmark's baseline: the bare layout page."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_bare_layout_page_is_there_only_when_switched_on(client, settings, django_assert_num_queries):
    settings.BARE_LAYOUT_PAGE = False
    assert client.get("/bare-layout/").status_code == 404

    settings.BARE_LAYOUT_PAGE = True
    with django_assert_num_queries(0):
        response = client.get("/bare-layout/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Bare layout – Resident Voice" in page
    assert 'class="govuk-service-navigation' in page and 'class="govuk-footer"' in page
