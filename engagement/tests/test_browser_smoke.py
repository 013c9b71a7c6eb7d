import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_has_no_serious_accessibility_problems(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Get involved in your housing service"
    axe(page)


def test_the_axe_check_fails_a_page_with_a_serious_problem(page, axe):
    page.set_content('<html lang="en"><title>Bad</title><main><img src="x.png"><button></button></main></html>')

    with pytest.raises(AssertionError, match="image-alt|button-name"):
        axe(page)
