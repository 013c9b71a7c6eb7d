import re

import pytest

from engagement.framework import FRAMEWORK

pytestmark = pytest.mark.django_db


def test_it_lists_every_way_to_get_involved(client):
    response = client.get("/")
    page = response.content.decode()
    for group in FRAMEWORK:
        assert str(group.heading) in page
        for element in group.elements:
            assert str(element.title) in page


def test_each_way_to_get_involved_links_to_its_section_or_says_it_is_coming_soon(client, monkeypatch):
    from engagement import framework

    unbuilt = framework.Element("Estate newsletters", "News from your estate.", "newsletters:index")
    groups = (*framework.FRAMEWORK, framework.Group("More", (unbuilt,)))
    monkeypatch.setattr("engagement.views.pages.FRAMEWORK", groups)

    page = client.get("/").content.decode()

    for element in (e for group in groups for e in group.elements):
        if element.url is None:
            assert re.search(rf"<h3[^>]*>\s*{re.escape(str(element.title))}\s*</h3>", page), element.title
        else:
            assert f'<a class="govuk-link" href="{element.url}">{element.title}</a>' in page
    assert page.count("Coming soon") == 1


def test_every_link_on_the_home_page_works(client):
    page = client.get("/").content.decode()
    links = set(re.findall(r'href="(/[^"#]*)"', page))
    assert links
    for link in links:
        response = client.get(link)
        assert response.status_code in (200, 302), f"{link} gave {response.status_code}"


def test_a_signed_in_resident_is_greeted_and_pointed_to_their_account(resident_client, resident):
    page = resident_client.get("/").content.decode()
    assert f"You are signed in as {resident.full_name}" in page
    assert 'href="/your-account/"' in page
