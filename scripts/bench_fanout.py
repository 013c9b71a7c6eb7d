#!/usr/bin/env python
"""Fan-out benchmark: bulk invitations through the fake Notify, with Notify's own client as it ships.

It creates its own PostgreSQL database (rv_bench_fanout by default; dropped at the end),
starts the fake Notify server, and reports, measured in the same run:

1. how long recording all the messages takes;
2. one worker process (`celery worker -c 1`), the provider limit off: messages a second
   (target: at least 250, five times Notify's 50 a second per key);
3. several workers together (2 workers of 2 processes) with the limit on (3,000 a minute,
   which the stub enforces too) over a send that lasts more than a minute: the rate, how
   many 429s the stub gave and how many messages went twice (targets: about 3,000 a
   minute, no 429, none twice).

    .venv/bin/python scripts/bench_fanout.py [--residents 20000] [--limited 4000]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres) and Redis (REDIS_URL, else
redis://127.0.0.1:6379/5). It uses nothing anyone else uses: its own database and queue.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path

from lib.benchdb import database_drop, database_recreate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
API_KEY = f"bench-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"
QUEUE = f"rv-bench-{uuid.uuid4().hex[:8]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--limited", type=int, default=4_000, help="messages in the rate-limited run (0 to skip)")
    parser.add_argument("--database", default="rv_bench_fanout")
    arguments = parser.parse_args()

    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
    database_url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + arguments.database
    database_recreate(database_url)
    from engagement.messaging.testing.notify_stub import NotifyStub

    stub = NotifyStub(API_KEY).start()
    stub_url = stub.url
    env = {
        "DJANGO_SETTINGS_MODULE": "engagement.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MESSAGING_QUEUE": QUEUE,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "MESSAGING_EMAIL_CHANNEL": "engagement.messaging.channels.notify.NotifyEmailChannel",
        "MESSAGING_TEXT_CHANNEL": "engagement.messaging.channels.notify.NotifyTextChannel",
        "MESSAGING_POST_CHANNEL": "engagement.messaging.channels.notify.NotifyLetterChannel",
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": stub_url,
        "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.UUID(int=11)),
        "NOTIFY_TEXT_TEMPLATE_ID": str(uuid.UUID(int=12)),
        "NOTIFY_LETTER_TEMPLATE_ID": str(uuid.UUID(int=13)),
        "MESSAGING_RATE_LIMIT_PER_MINUTE": "0",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    workers = []
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        estates = _create_residents(arguments.residents)
        print(f"Created {arguments.residents:,} residents in {time.perf_counter() - started:.1f} s")

        bulk_send, recording = _record(estates=None, description="Everyone")
        print(f"Recorded {bulk_send.recorded:,} messages in {recording:.1f} s")

        workers, rate, elapsed = _dispatch(env, stub, bulk_send, rate_limit=0, workers=1, concurrency=1)
        stats = stub.stats()
        cpu = _cpu_seconds(workers) / stats["accepted"]
        _stop(workers)
        workers = []
        print(
            f"One worker process, limit off: {stats['accepted']:,} sent in {elapsed:.1f} s = {rate:,.0f} messages/s "
            f"(target >= 250/s); sent twice: {len(stats['sent_twice'])}; the worker's CPU: {cpu * 1000:.2f} ms a "
            f"message, {1 / cpu:,.0f} messages/s of one core (load average {os.getloadavg()[0]:.1f})"
        )

        if arguments.limited:
            stub.reset()
            stub.configure(rate_limit_per_minute=3000)
            per_estate = arguments.residents // len(estates)
            chosen = estates[: max(1, -(-arguments.limited // per_estate))]
            limited_send, _ = _record(estates=chosen, description="Limited")
            workers, rate, elapsed = _dispatch(
                env, stub, limited_send, rate_limit=3000, workers=2, concurrency=2, progress_every=15
            )
            stats = stub.stats()
            print(
                f"2 workers x 2 processes, limit on (3,000/min): {stats['accepted']:,} sent in {elapsed:.0f} s "
                f"= {rate * 60:,.0f}/min; 429s from the stub: {stats['rate_limited']} (target 0); "
                f"sent twice: {len(stats['sent_twice'])} (target 0)"
            )
    finally:
        _stop(workers)
        stub.stop()
        from django.db import connections

        connections.close_all()
        database_drop(database_url)
        _forget_queue(redis_url)


def _forget_queue(redis_url: str) -> None:
    from engagement.messaging.tests.worker import forget_queue

    forget_queue(redis_url, QUEUE)


def _create_residents(count: int) -> list[int]:
    """Residents spread over 50 estates, each with an email address and a yes to invitations by email."""
    from django.db import transaction
    from django.utils import timezone

    from engagement.models import Block, Consent, ConsentSource, Estate, Home, Resident, Tenancy, Ward

    now = timezone.now()
    with transaction.atomic():
        ward = Ward.objects.create(name="Bench Ward")
        estates = Estate.objects.bulk_create([Estate(name=f"Estate {n}", ward=ward) for n in range(50)])
        blocks = Block.objects.bulk_create(
            [Block(name=f"Block {n}", estate=estate) for n, estate in enumerate(estates)]
        )
        chunk = 10_000
        for start in range(0, count, chunk):
            numbers = range(start, min(start + chunk, count))
            homes = Home.objects.bulk_create(
                [Home(block=blocks[n % 50], address_line_1=f"{n} Bench Street", postcode="SE8 5AA") for n in numbers]
            )
            tenancies = Tenancy.objects.bulk_create(
                [
                    Tenancy(reference=f"B{n:07d}", home=home, tenure_type="council_tenant", start_date="2020-01-01")
                    for n, home in zip(numbers, homes, strict=True)
                ]
            )
            residents = Resident.objects.bulk_create(
                [
                    Resident(
                        first_name=f"Resident{n}",
                        last_name="Bench",
                        email=f"r{n}@example.com",
                        tenancy=tenancy,
                        tenancy_verified_at=now,
                    )
                    for n, tenancy in zip(numbers, tenancies, strict=True)
                ]
            )
            Consent.objects.bulk_create(
                [
                    Consent(
                        resident=resident,
                        channel="email",
                        purpose="engagement",
                        given=True,
                        changed_at=now,
                        source=ConsentSource.ACCOUNT,
                    )
                    for resident in residents
                ]
            )
    return [estate.pk for estate in estates]


def _record(*, estates, description):
    from engagement.messaging.audience import Audience
    from engagement.messaging.services.bulk import bulk_send_create

    started = time.perf_counter()
    bulk_send = bulk_send_create(
        audience=Audience(estates=estates or []),
        template="engagement.invitation",
        description=description,
        personalisation={
            "subject": "Come to the roadshow",
            "body": "Meet the housing team at the roadshow on Tuesday. " * 4,
            "link": "https://example.gov.uk/roadshow",
        },
    )
    return bulk_send, time.perf_counter() - started


def _cpu_seconds(workers) -> float:
    """CPU time used so far by the workers' processes (each worker is a process group of its own)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in {worker.process.pid for worker in workers}:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _stop(workers) -> None:
    for worker in workers:
        worker.stop()


def _dispatch(env, stub, bulk_send, *, rate_limit: int, workers: int, concurrency: int, progress_every: float = 0):
    from engagement.messaging.models import Message
    from engagement.messaging.tests.worker import WorkerProcess

    log = Path(tempfile.gettempdir()) / f"bench-worker-{QUEUE}.log"
    started_workers = [
        WorkerProcess(
            env={**env, "MESSAGING_RATE_LIMIT_PER_MINUTE": rate_limit, "LOG_LEVEL": "WARNING"},
            queue=QUEUE,
            log_path=log,
            concurrency=concurrency,
        ).start(timeout=120)
        for _ in range(workers)
    ]
    started = time.perf_counter()
    target = bulk_send.recorded
    last_report = started
    while stub.stats()["accepted"] < target:
        time.sleep(0.2)
        if progress_every and time.perf_counter() - last_report > progress_every:
            last_report = time.perf_counter()
            print(f"  … {stub.stats()['accepted']:,} of {target:,}", flush=True)
        for worker in started_workers:
            if worker.process.poll() is not None:
                raise RuntimeError(worker.log()[-3000:])
    elapsed = time.perf_counter() - started
    pending = bulk_send.messages.exclude(status=Message.Status.SENT)
    deadline = time.monotonic() + 30
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pending.exists(), "some messages were accepted but not recorded as sent"
    return started_workers, target / elapsed, elapsed


if __name__ == "__main__":
    main()
