"""The Content-Security-Policy blocks nothing of ours: GOV.UK Frontend still runs, admin still works.

Every browser test fails on a blocked script or style (engagement/tests/browser.py); these visit
the pages no journey covers.
"""

import pytest
from playwright.sync_api import expect

from engagement.tests.browser import PageProblems, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def test_govuk_frontend_runs_under_the_policy_on_a_phone(live_server, page):
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/")

    # The nonce let the inline script mark the page; the module script set up the components.
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")


def test_the_admin_pages_officers_use_work_under_the_policy(live_server, page, administrator):
    sign_in_as(page, live_server, administrator)

    for path in ("/admin/", "/admin/events/event/add/", "/admin/engagement/resident/", "/admin/events/issue/add/"):
        page.goto(live_server.url + path)
        expect(page.locator("#content")).to_be_visible()
    # The date picker and the "add another" links are admin's own scripts.
    page.goto(live_server.url + "/admin/events/issue/add/")
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()


def test_a_blocked_inline_script_is_reported(browser):
    problems = PageProblems()
    context = type(browser).new_context(browser)  # not the watched one: this test's problem is on purpose
    problems.watch(context)
    page = context.new_page()

    page.set_content(
        "<html><head><meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\"></head>"
        "<body><script>document.title = 'ran'</script></body></html>"
    )
    context.close()

    assert any("Content Security Policy" in problem for problem in problems.seen)
