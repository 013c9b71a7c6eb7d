"""A real Celery worker, a real Redis and the fake Notify: nothing lost, nothing doubled.

Each test starts its own worker on a queue no one else uses, pointed at pytest's test
database. They need PostgreSQL (a database the worker can share) and REDIS_URL.
"""

import socket
import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from engagement.messaging.audience import Audience
from engagement.messaging.models import ContactToFix, Message
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.tests.conftest import opt_in
from engagement.messaging.tests.fixtures import NOTIFY_CHANNELS, notify_settings
from engagement.messaging.tests.worker import (
    RedisServer,
    WorkerProcess,
    celery_broker,
    database_url,
    forget_queue,
)
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
        # The shortest the system check allows with a 1 s timeout: a send ends (or gives up) well within it.
        "MESSAGING_STUCK_AFTER_SECONDS": 4,
        "MESSAGING_REQUEUE_AFTER_SECONDS": 4,
        **notify_settings(notify_stub.url),
        "NOTIFY_TIMEOUT_SECONDS": 1,
    }
    return env


@pytest.fixture
def start_worker(worker_env, tmp_path):
    started = []

    def start(concurrency=2, **overrides):
        worker = WorkerProcess(
            env={**worker_env, **overrides},
            concurrency=concurrency,
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
    # Only what each of the killed worker's two processes had in flight was looked up; the rest went at once.
    assert stats["lookups"] <= 2
    assert bulk_send.messages.filter(status=Message.Status.SENT).count() == 298
    assert set(bulk_send.messages.filter(status=Message.Status.WITHHELD).values_list("resident", flat=True)) == {
        resident.pk for resident in withdrawn
    }


def test_a_slow_provider_gets_each_message_once_however_long_the_batch_takes(notify_stub, start_worker):
    # Each batch of 20 takes 6 s, longer than MESSAGING_STUCK_AFTER_SECONDS, and the sweep runs every second
    # with idle processes ready to take whatever it hands over.
    estate, residents = everyone_on_an_estate(60)
    notify_stub.configure(delay_seconds=0.3)
    worker = start_worker(concurrency=4)
    with celery_broker(settings.REDIS_URL):
        bulk_send = bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Roadshow",
            personalisation={"subject": "Roadshow", "body": "Come along."},
        )
        wait_for(
            lambda: not bulk_send.messages.filter(status__in=Message.PENDING).exists(),
            worker=worker,
            what="every message to be sent",
        )

    stats = notify_stub.stats()
    assert stats["sent_twice"] == []
    assert stats["accepted"] == stats["references"] == 60
    # No message was taken from a worker still sending it (a taken one is looked up first).
    assert stats["lookups"] == 0
    assert bulk_send.messages.filter(status=Message.Status.SENT).count() == 60


def test_a_resident_who_says_no_while_the_batch_is_sending_is_not_sent_it(notify_stub, start_worker):
    estate, residents = everyone_on_an_estate(30)
    changed_their_mind = residents[-5:]
    notify_stub.configure(delay_seconds=0.2)
    worker = start_worker(MESSAGING_BATCH_SIZE=30)
    with celery_broker(settings.REDIS_URL):
        bulk_send = bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Roadshow",
            personalisation={"subject": "Roadshow", "body": "Come along."},
        )
        wait_for(lambda: notify_stub.stats()["accepted"] >= 3, worker=worker, what="the first sends")
        for resident in changed_their_mind:
            opt_in(resident, Channel.EMAIL, given=False)
        wait_for(
            lambda: not bulk_send.messages.filter(status__in=Message.PENDING).exists(),
            worker=worker,
            what="the batch to finish",
        )

    assert notify_stub.stats()["accepted"] == 25
    withheld = bulk_send.messages.filter(status=Message.Status.WITHHELD)
    assert set(withheld.values_list("resident", flat=True)) == {resident.pk for resident in changed_their_mind}


def test_email_through_django_after_two_worker_kills_doubles_at_most_the_messages_in_flight(start_worker, tmp_path):
    # SMTP cannot be asked whether it has a message: each result is recorded before the next send.
    estate, residents = everyone_on_an_estate(150)
    log = tmp_path / "emails.log"
    log.touch()
    email = {
        "MESSAGING_EMAIL_CHANNEL": "engagement.messaging.channels.email.DjangoEmailChannel",
        "EMAIL_BACKEND": "engagement.messaging.tests.counting_email.CountingEmailBackend",
        "TEST_EMAIL_LOG": log,
        "TEST_EMAIL_DELAY_SECONDS": 0.02,
    }

    def sent():
        return log.read_text().split()

    with celery_broker(settings.REDIS_URL):
        bulk_send = bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Roadshow",
            personalisation={"subject": "Roadshow", "body": "Come along."},
        )
        for kill_after in (30, 80):
            worker = start_worker(**email)
            wait_for(lambda: len(sent()) >= kill_after, worker=worker, what=f"{kill_after} emails")  # noqa: B023
            worker.kill()
        worker = start_worker(**email)
        wait_for(
            lambda: not bulk_send.messages.filter(status__in=Message.PENDING).exists(),
            worker=worker,
            what="every email to be sent",
        )

    keys = sent()
    assert set(keys) == set(bulk_send.messages.values_list("idempotency_key", flat=True))
    # Each kill can double at most what each of the worker's two processes had in flight.
    assert len(keys) - len(set(keys)) <= 2 * 2
    assert bulk_send.messages.filter(status=Message.Status.SENT).count() == 150


def test_sending_resumes_soon_after_the_database_comes_back(notify_stub, start_worker):
    # The drill blocks and cuts off this test's own database only (never the shared server): no new
    # connections (ALLOW_CONNECTIONS false) and the worker's connections terminated, for 8 seconds.
    estate, residents = everyone_on_an_estate(200)
    notify_stub.configure(delay_seconds=0.02)
    worker = start_worker()
    name = connection.settings_dict["NAME"]
    with celery_broker(settings.REDIS_URL):
        bulk_send = bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Roadshow",
            personalisation={"subject": "Roadshow", "body": "Come along."},
        )
        wait_for(lambda: notify_stub.stats()["accepted"] >= 40, worker=worker, what="the first sends")
        with _admin_cursor() as admin:
            try:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                    [name, _backend_pid()],
                )
                accepted_when_cut_off = notify_stub.stats()["accepted"]
                time.sleep(8)
            finally:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        back = time.monotonic()
        wait_for(
            lambda: not bulk_send.messages.filter(status__in=Message.PENDING).exists(),
            worker=worker,
            timeout=90,
            what="every message to be sent once the database was back",
        )
        took = time.monotonic() - back

    stats = notify_stub.stats()
    assert accepted_when_cut_off < 200, "the send finished before the database was cut off"
    assert took < 60
    assert stats["sent_twice"] == []
    assert stats["accepted"] == stats["references"] == 200
    assert bulk_send.messages.filter(status=Message.Status.SENT).count() == 200


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@contextmanager
def _admin_cursor():
    """A connection to the server's own `postgres` database, to block and unblock the test's database."""
    import psycopg

    db = connection.settings_dict
    with (
        psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            dbname="postgres",
            autocommit=True,
        ) as admin,
        admin.cursor() as cursor,
    ):
        yield cursor


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
    # Three times Notify was down or busy, which is not held against the message: one try counted.
    assert sent.attempts == 1
    assert len(notify_stub.sent_to(f"invitation:{good.pk}")) == 1
    # A 503 may mean Notify got it: it was looked up before each later try.
    assert notify_stub.stats()["lookups"] == 3
    assert notify_stub.stats()["bad_requests"] == 1
    assert Message.objects.get(resident=bad).attempts == 1
    assert ContactToFix.objects.filter(pk=bad.pk, mobile_undeliverable=True).exists()


def test_the_shared_rate_limit_lets_a_second_hold_a_62nd_of_the_minute(settings):
    from engagement.messaging.ratelimit import rate_limit_wait

    settings.MESSAGING_RATE_LIMIT_PER_MINUTE = 620
    name = f"test-{uuid.uuid4().hex}"
    time.sleep(1 - time.time() % 1)
    second = int(time.time())
    for _ in range(10):
        rate_limit_wait(name)
    assert int(time.time()) == second
    # The count is in the shared cache (Redis), so every process waits for the next second too.
    rate_limit_wait(name)
    assert int(time.time()) == second + 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
