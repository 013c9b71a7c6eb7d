"""The browser test harness: Playwright driving Debian's chromium, and an axe check for every page."""

import re

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # Without the background-network flags chromium keeps trying to reach Google on a closed network.
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def patient_expectations():
    """Expectations wait up to 15 s, not Playwright's 5 s: CI machines are shared and a busy one
    can take longer than 5 s to save an admin form; a passing check still returns at once."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


class AxeChecker:
    """Run axe on a page; fail on any serious or critical violation, naming what and where."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self._axe = Axe()
        self.pages_checked: list[str] = []

    def __call__(self, page) -> None:
        # A click that follows a link returns once the next page starts to arrive; axe run then
        # can read a half-parsed page (a link whose words have not come yet).
        page.wait_for_load_state("load")
        results = self._axe.run(page if getattr(page, "javascript_enabled", True) else _scriptless_copy(page))
        violations = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in ("serious", "critical")
        ]
        self.pages_checked.append(page.url)
        assert not violations, f"axe found problems on {page.url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
        )


def _scriptless_copy(page):
    """axe needs JavaScript to run: check a page seen without it as a copy of what it showed, scripts left out."""
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
    html = re.sub(r"<head>", f'<head><base href="{page.url}">', html, count=1, flags=re.IGNORECASE)
    context = page.context.browser.new_context(viewport=page.viewport_size)
    copy = context.new_page()
    copy.set_content(html)
    page.on("close", lambda _: context.close())
    return copy


@pytest.fixture
def axe():
    return AxeChecker()


class PageProblems:
    """What the browser complained about: a script error, or anything the Content-Security-Policy
    blocked (an inline script without the nonce, a style or image from elsewhere)."""

    def __init__(self):
        self.seen: list[str] = []

    def watch(self, context) -> None:
        context.on("console", self._console)
        context.on("weberror", lambda error: self.seen.append(f"script error: {error.error}"))

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.seen.append(f"{message.location.get('url')}: {message.text}")


@pytest.fixture(autouse=True)
def _browser_problems_fail_the_test(request):
    """Every browser context a browser test opens is watched; anything it reports fails the test."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    browser = request.getfixturevalue("browser")
    problems = PageProblems()
    opened = browser.new_context

    def new_context(*args, **kwargs):
        context = opened(*args, **kwargs)
        problems.watch(context)
        return context

    browser.new_context = new_context
    try:
        yield
    finally:
        del browser.new_context
    assert not problems.seen, "The browser reported problems:\n" + "\n".join(problems.seen)


@pytest.fixture
def new_page(browser):
    """Pages in separate browser contexts (two people, two sets of cookies), closed afterwards."""
    contexts = []

    def open_page(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, live_server, email: str, axe=None) -> None:
    """Sign in through the sign-in page (checked with axe, if given), as a factory-made account."""
    from playwright.sync_api import expect

    from engagement.tests.factories import PASSWORD

    page.goto(live_server.url + "/account/login/")
    if axe is not None:
        axe(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Your account")).to_be_visible()


def sign_in_as(page, live_server, user) -> None:
    """Give the browser a signed-in session for this user, for journeys that are not about signing in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


@pytest.fixture(params=[True, False], ids=["javascript-on", "javascript-off"])
def resident_phone(request, browser):
    """A 375 px phone, once with JavaScript and once without: resident journeys must work both ways."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=request.param)
    page = context.new_page()
    # Read by the axe check, which cannot run inside a page with JavaScript off.
    page.javascript_enabled = request.param
    yield page
    context.close()
