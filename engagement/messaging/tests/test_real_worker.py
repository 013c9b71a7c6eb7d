"""A real Celery worker, a real Redis and the fake Notify: nothing lost, nothing doubled.

Each test starts its own worker on a queue no one else uses, pointed at pytest's test
database. They need PostgreSQL (a database the worker can share) and REDIS_URL.
"""

import socket
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from engagement.messaging.audience import Audience
from engagement.messaging.models import ContactToFix, Message
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.testing.fixtures import NOTIFY_CHANNELS, notify_settings
from engagement.messaging.testing.worker import (
    RedisServer,
    WorkerProcess,
    celery_broker,
    database_url,
    forget_queue,
)
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis: set REDIS_URL"),
]

QUEUE = f"rv-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module", autouse=True)
def _forget_the_queue_afterwards():
    yield
    if settings.REDIS_URL:
        forget_queue(settings.REDIS_URL, QUEUE)


@pytest.fixture
def worker_env(notify_stub, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a real worker shares the test database, which needs PostgreSQL (SQLite's is in memory)")
    settings.MESSAGING_QUEUE = QUEUE
    env = {
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": 0,
        "REDIS_URL": settings.REDIS_URL,
        "MESSAGING_QUEUE": QUEUE,
        "MESSAGING_EMAIL_CHANNEL": NOTIFY_CHANNELS["email"],
        "MESSAGING_TEXT_CHANNEL": NOTIFY_CHANNELS["text"],
        "MESSAGING_POST_CHANNEL": NOTIFY_CHANNELS["post"],
        "MESSAGING_RATE_LIMIT_PER_MINUTE": 0,
        "MESSAGING_BATCH_SIZE": 20,
        "MESSAGING_RETRY_BACKOFF_SECONDS": 1,
        # The sweep (beat, in the worker) runs every second and reclaims quickly, so the tests are quick.
        "MESSAGING_SWEEP_INTERVAL_SECONDS": 1,
        "MESSAGING_SWEEP_AFTER_SECONDS": 1,
        "MESSAGING_STUCK_AFTER_SECONDS": 3,
        "MESSAGING_REQUEUE_AFTER_SECONDS": 4,
        **notify_settings(notify_stub.url),
    }
    return env


@pytest.fixture
def start_worker(worker_env, tmp_path):
    started = []

    def start(**overrides):
        worker = WorkerProcess(
            env={**worker_env, **overrides},
            queue=QUEUE,
            log_path=tmp_path / "worker.log",
            beat_schedule=tmp_path / f"beat-{len(started)}",
        )
        started.append(worker)
        return worker.start()

    yield start
    for worker in started:
        worker.stop()


def wait_for(condition, *, timeout=60, what="the workers", worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    log = worker.log()[-3000:] if worker else ""
    log += repr(
        list(
            Message.objects.values_list(
                "idempotency_key", "status", "attempts", "send_after", "enqueued_at", "last_error"
            )
        )
    )
    raise AssertionError(f"Timed out waiting for {what}\n{log}")


def everyone_on_an_estate(count):
    estate = EstateFactory()
    residents = []
    for _ in range(count):
        home = HomeFactory(block__estate=estate)
        residents.append(opt_in(ResidentFactory(tenancy=TenancyFactory(home=home)), Channel.EMAIL))
    return estate, residents


def test_a_worker_killed_mid_send_and_restarted_sends_every_message_exactly_once(notify_stub, start_worker, tmp_path):
    estate, residents = everyone_on_an_estate(300)
    # Two residents withdraw consent after the send is recorded and before a worker gets to them.
    withdrawn = residents[-2:]
    bulk_send = bulk_send_create(
        audience=Audience(estates=[estate.pk]),
        template="engagement.invitation",
        description="Roadshow",
        personalisation={"subject": "Roadshow", "body": "Come along."},
    )
    for resident in withdrawn:
        opt_in(resident, Channel.EMAIL, given=False)
    notify_stub.configure(delay_seconds=0.01)

    first = start_worker()
    wait_for(lambda: notify_stub.stats()["accepted"] >= 60, worker=first, what="the first sends")
    first.kill()
    accepted_when_killed = notify_stub.stats()["accepted"]
    assert accepted_when_killed < 298, "the worker finished before it could be killed"

    second = start_worker()
    wait_for(
        lambda: not bulk_send.messages.filter(status__in=Message.PENDING).exists(),
        worker=second,
        what="every message to be sent after the restart",
    )

    stats = notify_stub.stats()
    assert stats["sent_twice"] == []
    assert stats["accepted"] == stats["references"] == 298
    assert bulk_send.messages.filter(status=Message.Status.SENT).count() == 298
    assert set(bulk_send.messages.filter(status=Message.Status.WITHHELD).values_list("resident", flat=True)) == {
        resident.pk for resident in withdrawn
    }


def test_a_resident_registers_while_redis_is_down_and_the_message_goes_when_it_is_back(
    client, notify_stub, start_worker, tmp_path
):
    redis = RedisServer(port=_free_port(), directory=tmp_path).start()
    try:
        with celery_broker(redis.url):
            worker = start_worker(REDIS_URL=redis.url)
            redis.stop()

            response = client.post(
                "/contact-us/",
                {"name": "Pat Smith", "email": "pat@example.com", "message": "When is the next roadshow?"},
            )

            assert response.status_code == 302
            message = Message.objects.get()
            assert message.status == Message.Status.QUEUED
            assert message.enqueued_at is None
            redis.start()
            wait_for(
                lambda: Message.objects.filter(status=Message.Status.SENT).exists(),
                worker=worker,
                what="the sweep to send the message once Redis was back",
            )
    finally:
        redis.stop()
    [sent] = notify_stub.sent_to(message.idempotency_key)
    assert sent["email_address"] == "pat@example.com"
    assert notify_stub.stats()["accepted"] == 1


def test_timeouts_server_errors_and_rate_limits_are_retried_and_bad_numbers_are_not(notify_stub, start_worker):
    from engagement.messaging.services import message_queue

    good = opt_in(ResidentFactory(first_name="Gita"), Channel.EMAIL)
    bad = opt_in(ResidentFactory(first_name="Bob", email="", user=None, mobile="+447700900666"), Channel.TEXT)
    notify_stub.refuse("+447700900666")
    for status in (503, 429, 500):
        notify_stub.fail_next(1, status=status)
    worker = start_worker()

    def invite(resident):
        message_queue(
            template="engagement.invitation",
            key=f"invitation:{resident.pk}",
            resident=resident,
            personalisation={"subject": "Survey", "body": "Have your say."},
        )

    with celery_broker(settings.REDIS_URL):
        invite(good)
        wait_for(lambda: Message.objects.filter(status=Message.Status.SENT).exists(), worker=worker, what="the retries")
        invite(bad)
        wait_for(
            lambda: Message.objects.filter(status=Message.Status.PERMANENTLY_FAILED).exists(),
            worker=worker,
            what="the bad number to fail",
        )

    sent = Message.objects.get(resident=good)
    assert sent.attempts == 4
    assert len(notify_stub.sent_to(f"invitation:{good.pk}")) == 1
    # A 503 may mean Notify got it: it was looked up before each later try.
    assert notify_stub.stats()["lookups"] == 3
    assert notify_stub.stats()["bad_requests"] == 1
    assert Message.objects.get(resident=bad).attempts == 1
    assert ContactToFix.objects.filter(pk=bad.pk, mobile_undeliverable=True).exists()


def test_the_shared_rate_limit_makes_every_process_wait_its_turn(settings):
    from engagement.messaging.ratelimit import SharedRateLimit

    limit = SharedRateLimit(settings.REDIS_URL, per_minute=600, name=f"test-{uuid.uuid4().hex}")
    other_process = SharedRateLimit(settings.REDIS_URL, per_minute=600, name=limit.key.split(":", 2)[2])
    try:
        waits = [limit.acquire() for _ in range(limit.capacity)]
        assert waits == [0.0] * limit.capacity
        # The bucket is shared: another process (another client) now waits for a token too.
        assert other_process.acquire() > 0
    finally:
        limit.reset()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
