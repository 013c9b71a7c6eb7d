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


def test_the_reach_report_has_no_serious_accessibility_problems(live_server, page, axe, community_relations):
    from engagement.models import EqualityMonitoring
    from engagement.services.involvement import involvement_refresh
    from engagement.tests.browser import sign_in_as
    from engagement.tests.test_reach_report import booked, estate_with_homes, resident_on

    estate_with_homes(10, name="Quiet")
    busy = estate_with_homes(10, name="Busy")
    for _ in range(5):
        EqualityMonitoring.objects.create(resident=booked(resident_on(busy)).resident, sex="female")
    involvement_refresh()  # the bookings were made directly, not through the services that keep it
    sign_in_as(page, live_server, community_relations)

    page.goto(live_server.url + "/reports/reach/")
    assert page.get_by_role("heading", level=1).inner_text() == "Reach and diversity report"
    assert page.get_by_text("Under-reached", exact=True).count() == 1
    axe(page)
