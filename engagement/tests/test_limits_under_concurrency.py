"""Attempt limits hold when the attempts come all at once, as a script sends them.

Each test fires many requests from threads through the real views, with the real limit, and a
widened gap between checking a try and recording it (a busy server has one). Counting must be
atomic: every try takes its place in the count before it is looked at.
"""

import threading
import time
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from engagement.messaging import views as letter_views
from engagement.messaging.forms import LetterCodeForm
from engagement.models import TenancyVerificationAttempt
from engagement.services import residents as resident_services
from engagement.tests.factories import HomeFactory, ResidentFactory, TenancyFactory
from surveys.models import Response
from surveys.tests.factories import SurveyFactory, add_question
from surveys.views import answering as answering_views

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(count: int, attempt) -> list:
    """Run attempt(i) in `count` threads released together; return what each gave back."""
    start = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            start.wait()
            results[i] = attempt(i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The cache the limits count in: in-process, and Redis as production runs it."""
    if request.param == "redis":
        if not settings.REDIS_URL:
            pytest.skip("needs Redis (REDIS_URL)")
        settings.CACHES = {
            "default": {
                "BACKEND": "engagement.cache.RedisCacheWithFallback",
                "LOCATION": settings.REDIS_URL,
                "KEY_PREFIX": f"test-limits-{uuid.uuid4().hex}",
                "OPTIONS": {
                    "socket_connect_timeout": settings.REDIS_TIMEOUT_SECONDS,
                    "socket_timeout": settings.REDIS_TIMEOUT_SECONDS,
                },
            }
        }
    return request.param


def _counting_slowly(monkeypatch, cls, method_name):
    """Wrap a method so each call is counted and takes a little while."""
    calls = []
    original = getattr(cls, method_name)

    def slow(*args, **kwargs):
        calls.append(1)
        time.sleep(0.2)
        return original(*args, **kwargs)

    monkeypatch.setattr(cls, method_name, slow)
    return calls


def test_forty_wrong_letter_codes_at_once_get_only_twenty_checks(shared_cache, monkeypatch):
    checks = _counting_slowly(monkeypatch, LetterCodeForm, "clean_code")

    statuses = _at_once(40, lambda i: Client().post(reverse("letter_code"), {"code": f"WRONG{i:03}"}).status_code)

    assert len(checks) == letter_views.WRONG_LETTER_CODES.limit() == 20
    assert statuses.count(429) == 20 and statuses.count(200) == 20


def test_thirty_wrong_tenancy_details_at_once_on_an_open_survey_get_only_the_hours_tries(
    shared_cache, settings, monkeypatch
):
    settings.SURVEY_TENANCY_CHECKS_PER_HOUR = 10
    survey = SurveyFactory(slug="projects", access="open", ask_tenancy=True, is_anonymous=True)
    add_question(survey, "yes_no", "Yes?")
    TenancyFactory(reference="TEN-000001", home=HomeFactory(postcode="SE6 4RU"))
    tokens = [Client().post("/sounding-board/surveys/projects/start/")["Location"].split("/")[3] for _ in range(30)]
    checks = _counting_slowly(monkeypatch, answering_views, "tenancy_matching")

    def wrong_try(i):
        page = Client().post(
            f"/sounding-board/s/{tokens[i]}/your-tenancy/", {"reference": f"TEN-{i + 2:06}", "postcode": "SE6 4RU"}
        )
        return "You have tried too many times" in page.content.decode()

    refused = _at_once(30, wrong_try)

    assert len(checks) == 10
    assert refused.count(True) == 20
    assert not Response.objects.filter(tenancy_confirmed_at__isnull=False).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has no row locks")
def test_twenty_wrong_tenancy_checks_at_once_from_one_account_record_only_the_days_tries(settings, monkeypatch):
    settings.TENANCY_VERIFICATION_ATTEMPTS_PER_DAY = 5
    TenancyFactory(reference="TEN-004512", home=HomeFactory(postcode="SE6 4RU"))
    newcomer = ResidentFactory(tenancy=None, tenancy_verified_at=None)
    signed_in = Client()
    signed_in.force_login(newcomer.user)
    cookies = signed_in.cookies
    _counting_slowly(monkeypatch, resident_services, "tenancy_matching")

    def wrong_try(i):
        client = Client()
        client.cookies = cookies
        return client.post(reverse("verify_tenancy"), {"reference": f"TEN-{i:06}", "postcode": "SE6 4RU"}).status_code

    statuses = _at_once(20, wrong_try)

    assert statuses == [200] * 20
    assert TenancyVerificationAttempt.objects.filter(user=newcomer.user).count() == 5
