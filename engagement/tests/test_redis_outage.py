"""Redis down or hung: the site keeps answering, and what it had to send goes when Redis is back.

Each test starts a redis-server of its own on a free port and stops it (down) or SIGSTOPs it (hung:
it still accepts connections, and never answers), with the cache and the broker pointed at it as
production has them. The drills also run a real worker, which sends through the fake Notify.
"""

import os
import shutil
import signal
import socket
import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from engagement.messaging.models import Message
from engagement.messaging.tests.fixtures import (
    NOTIFY_CHANNELS,
    notify_settings,
    notify_stub,  # noqa: F401  (the fake Notify)
)
from engagement.messaging.tests.worker import RedisServer, WorkerProcess, celery_broker, database_url
from engagement.models import ContactEnquiry
from engagement.tests.factories import PASSWORD, ResidentFactory
from events.models import Booking
from events.tests.factories import EventFactory
from surveys.models import Invitation, Question
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

# What a resident may wait for while Redis is away.
PROMPT_SECONDS = 2.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Outage:
    """The test's own Redis, which it can take down or hang and bring back."""

    def __init__(self, redis: RedisServer):
        self.redis = redis
        self.hung = False

    def begin(self, kind: str) -> None:
        if kind == "hung":
            os.kill(self.redis.process.pid, signal.SIGSTOP)
            self.hung = True
        else:
            self.redis.stop()

    def end(self) -> None:
        if self.hung:
            os.kill(self.redis.process.pid, signal.SIGCONT)
            self.hung = False
        else:
            self.redis.start()


@pytest.fixture
def redis_of_our_own(settings, tmp_path):
    """The cache and the broker on a Redis of this test's own, set up as in production."""
    redis = RedisServer(port=_free_port(), directory=tmp_path).start()
    outage = Outage(redis)
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement.cache.RedisCacheWithFallback",
            "LOCATION": redis.url,
            "KEY_PREFIX": "rv",
            "OPTIONS": {
                "socket_connect_timeout": settings.REDIS_TIMEOUT_SECONDS,
                "socket_timeout": settings.REDIS_TIMEOUT_SECONDS,
                "RETRY_AFTER": 10,
            },
        }
    }
    from engagement.celery import app

    # Publish to the broker for real, as a web process does (other tests run tasks in-process).
    app.conf.task_always_eager = False
    try:
        with celery_broker(redis.url):
            yield outage
    finally:
        app.conf.task_always_eager = True
        if outage.hung:
            os.kill(redis.process.pid, signal.SIGCONT)
        redis.stop()


@contextmanager
def _timed(timings: dict, what: str):
    started = time.monotonic()
    yield
    timings[what] = round(time.monotonic() - started, 3)


def _pages_opened_before(client, event):
    """The pages the resident fills in, opened while Redis is up (and the first request's setting up done)."""
    for url in ("/account/login/", "/contact-us/", f"/whats-on/{event.pk}/"):
        assert client.get(url).status_code == 200


def _sign_in(client, resident):
    return client.post("/account/login/", {"login": resident.email, "password": PASSWORD})


def _book(client, event):
    return client.post(f"/whats-on/{event.pk}/book/", {"places": "1"})


def _contact_us(client):
    return client.post(
        "/contact-us/",
        {"name": "Pat Smith", "reply_by": "email", "email": "pat@example.com", "message": "When is the next roadshow?"},
    )


@pytest.mark.parametrize("kind", ["down", "hung"])
def test_with_redis_away_residents_still_sign_in_book_and_write_promptly(client, redis_of_our_own, kind):
    resident = ResidentFactory()
    event = EventFactory(capacity=10)
    _pages_opened_before(client, event)
    redis_of_our_own.begin(kind)
    timings = {}

    with _timed(timings, "sign-in"):
        signed_in = _sign_in(client, resident)
    with _timed(timings, "booking"):
        booked = _book(client, event)
    with _timed(timings, "contact us"):
        written = _contact_us(client)

    assert signed_in.status_code == 302 and signed_in.url == "/your-account/", signed_in.content.decode()[:500]
    assert booked.status_code == 302 and Booking.objects.filter(resident=resident, event=event).exists()
    assert written.status_code == 302 and ContactEnquiry.objects.exists()
    assert max(timings.values()) < PROMPT_SECONDS, timings
    # Recorded, waiting for the broker.
    assert set(Message.objects.values_list("status", "enqueued_at")) == {(Message.Status.QUEUED, None)}
    print(f"Redis {kind}: {timings}")


@pytest.mark.parametrize("kind", ["down", "hung"])
def _survey_with_a_resident_to_invite():
    survey = SurveyFactory(title="Door entry systems")
    add_question(survey, Question.Kind.YES_NO, "Does your door entry work?")
    return survey, opted_in_resident()


def _send_invitations(client, survey):
    return client.post(f"/admin/surveys/survey/{survey.pk}/send-invitations/")


@pytest.mark.parametrize("kind", ["down", "hung"])
def test_with_redis_away_an_officer_still_sends_survey_invitations(client, officer, redis_of_our_own, kind):
    survey, resident = _survey_with_a_resident_to_invite()
    client.force_login(officer)
    assert client.get(f"/admin/surveys/survey/{survey.pk}/send-invitations/").status_code == 200
    redis_of_our_own.begin(kind)
    timings = {}

    with _timed(timings, "survey invitations"):
        sent = _send_invitations(client, survey)

    assert sent.status_code == 302
    assert timings["survey invitations"] < PROMPT_SECONDS, timings
    # The invitation is recorded, waiting for the broker.
    assert Invitation.objects.get(survey=survey).resident == resident
    assert set(Message.objects.values_list("status", "enqueued_at")) == {(Message.Status.QUEUED, None)}


@pytest.mark.parametrize("kind", ["down", "hung"])
def test_with_redis_away_wrong_passwords_are_still_limited(client, redis_of_our_own, kind):
    resident = ResidentFactory()
    redis_of_our_own.begin(kind)

    pages = [
        client.post("/account/login/", {"login": resident.email, "password": "not the password"}).content.decode()
        for _ in range(6)
    ]

    assert all("too many" not in page.lower() for page in pages[:5])
    assert "too many" in pages[5].lower()
    # The right password is turned away too until the limit passes.
    assert _sign_in(client, resident).status_code == 200


def test_when_redis_is_back_the_cache_uses_it_again(redis_of_our_own, settings):
    import redis
    from django.core.cache import cache

    settings.CACHES["default"]["OPTIONS"]["RETRY_AFTER"] = 0.5
    redis_of_our_own.begin("down")
    cache.set("during", 1)
    assert cache.get("during") == 1  # in this process's memory
    redis_of_our_own.end()
    time.sleep(0.6)

    cache.set("after", 2)

    assert redis.Redis.from_url(redis_of_our_own.redis.url).exists(cache.make_and_validate_key("after")) == 1


@pytest.fixture
def worker(notify_stub, settings, tmp_path, redis_of_our_own):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("a real worker shares the test database, which needs PostgreSQL")
    queue = f"rv-test-outage-{uuid.uuid4().hex[:10]}"
    settings.MESSAGING_QUEUE = queue
    process = WorkerProcess(
        env={
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": 0,
            "REDIS_URL": redis_of_our_own.redis.url,
            "MESSAGING_QUEUE": queue,
            **{f"MESSAGING_{name.upper()}_CHANNEL": path for name, path in NOTIFY_CHANNELS.items()},
            "MESSAGING_RATE_LIMIT_PER_MINUTE": 0,
            # The sweep (beat, in the worker) runs every second, so the test is quick.
            "MESSAGING_SWEEP_INTERVAL_SECONDS": 1,
            "MESSAGING_SWEEP_AFTER_SECONDS": 1,
            **notify_settings(notify_stub.url),
        },
        queue=queue,
        log_path=tmp_path / "worker.log",
        beat_schedule=tmp_path / "beat",
    ).start()
    yield process
    process.stop()


def _wait_for(condition, *, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.1)
    raise AssertionError(
        f"Timed out\n{worker.log()[-3000:]}\n{list(Message.objects.values_list('idempotency_key', 'status'))}"
    )


@pytest.mark.worker
@pytest.mark.skipif(not settings.REDIS_URL, reason="a real worker runs only where Redis is set up (REDIS_URL)")
@pytest.mark.parametrize("kind", ["down", "hung"])
def test_what_was_recorded_while_redis_was_away_goes_once_it_is_back(
    client,
    officer,
    redis_of_our_own,
    worker,
    notify_stub,  # noqa: F811
    kind,
):
    resident = ResidentFactory()
    event = EventFactory(capacity=10)
    survey, invited = _survey_with_a_resident_to_invite()
    officer_client = Client()
    officer_client.force_login(officer)
    _pages_opened_before(client, event)
    redis_of_our_own.begin(kind)
    timings = {}
    with _timed(timings, "survey invitations"):
        assert _send_invitations(officer_client, survey).status_code == 302
    with _timed(timings, "sign-in"):
        assert _sign_in(client, resident).status_code == 302
    with _timed(timings, "booking"):
        assert _book(client, event).status_code == 302
    with _timed(timings, "contact us"):
        assert _contact_us(client).status_code == 302
    assert max(timings.values()) < PROMPT_SECONDS, timings
    time.sleep(3)
    assert notify_stub.stats()["accepted"] == 0

    back = time.monotonic()
    redis_of_our_own.end()
    booking = Booking.objects.get(resident=resident)
    enquiry = ContactEnquiry.objects.get()
    invitation = Message.objects.get(resident=invited)
    keys = {f"booking-confirmed:{booking.pk}", f"enquiry-acknowledgement:{enquiry.pk}", invitation.idempotency_key}
    due_now = Message.objects.filter(idempotency_key__in=keys)
    sent = _wait_for(lambda: due_now.filter(status=Message.Status.SENT).count() == 3, worker=worker, timeout=90)

    time.sleep(2)  # a sweep or two more: nothing goes twice
    assert notify_stub.stats()["sent_twice"] == []
    assert notify_stub.stats()["accepted"] == 3
    assert [message["email_address"] for message in notify_stub.sent_to(invitation.idempotency_key)] == [invited.email]
    assert [message["email_address"] for message in notify_stub.sent_to(f"booking-confirmed:{booking.pk}")] == [
        resident.email
    ]
    assert [message["email_address"] for message in notify_stub.sent_to(f"enquiry-acknowledgement:{enquiry.pk}")] == [
        "pat@example.com"
    ]
    print(f"Redis {kind}: {timings}; sent {sent - back:.1f} s after Redis was back")
