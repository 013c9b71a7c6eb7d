import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_has_no_serious_accessibility_problems(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Get involved in your housing service"
    axe(page)
