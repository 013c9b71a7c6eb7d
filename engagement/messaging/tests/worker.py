"""A real Celery worker in a subprocess, for tests that need one (and the fan-out benchmark).

The worker gets the test's database, its own broker (a Redis database or a Redis started by
the test) and a queue no one else uses, so it can never take another developer's tasks.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    """The database this process is using (pytest's test database), as a URL a subprocess can use."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("A real worker needs a database it can share with the test: PostgreSQL")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """`celery worker` with its own process group, so it (and its pool) can be stopped or killed by pid."""

    def __init__(
        self, *, env: dict, queue: str, log_path: Path, concurrency: int = 2, beat_schedule: Path | None = None
    ):
        self.env = {**os.environ, **{name: str(value) for name, value in env.items()}}
        self.queue = queue
        self.log_path = log_path
        self.concurrency = concurrency
        self.beat_schedule = beat_schedule
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 60) -> "WorkerProcess":
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "engagement",
            "worker",
            "-Q",
            self.queue,
            "-n",
            f"{self.queue}-{time.monotonic_ns()}@%h",
            "-c",
            str(self.concurrency),
            "--pool",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
        ]
        if self.beat_schedule is not None:
            command += ["-B", "-s", str(self.beat_schedule)]
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (held for the worker's life)
        self._log_start = self.log_path.stat().st_size
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker stopped at once:\n{self.log()}")
            if b" ready." in self.log_path.read_bytes()[self._log_start :]:
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"The worker did not start in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_bytes()[self._log_start :].decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a crash or an OOM kill would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


class RedisServer:
    """A redis-server of the test's own on a free port, which the test may stop and start again."""

    def __init__(self, port: int, directory: Path):
        self.port = port
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def celery_broker(url: str):
    """Point this process's Celery app at another broker for a while (a test's own Redis)."""
    from kombu import pools

    from engagement.celery import app

    previous = app.conf.broker_url

    def switch(to):
        app.conf.broker_url = to
        # Kombu keeps connection and producer pools per broker; start afresh so none points at the old one.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    switch(url)
    try:
        yield
    finally:
        switch(previous)


def forget_queue(redis_url: str, queue: str) -> None:
    """Remove a test's own queue (and what kombu keeps about it) from Redis when the test is done."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
