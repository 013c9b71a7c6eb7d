"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="voice.example.gov.uk",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="voice.example.gov.uk")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_mistyped_setting_stops_the_portal_rather_than_being_ignored():
    result = _manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


def test_production_cookies_are_secure_and_http_only():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="voice.example.gov.uk",
    )

    assert result.stdout.split() == ["True", "True", "True"], result.stderr


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_between_tasks_but_replaces_an_old_one():
    import time
    from types import SimpleNamespace

    from django.db import connection

    from engagement.celery import _replace_stale_database_connections

    if connection.vendor == "sqlite":
        pytest.skip("Django never closes SQLite's in-memory test database")
    worker_task = SimpleNamespace(request=SimpleNamespace(is_eager=False))
    connection.ensure_connection()
    connection.close_at = time.monotonic() + 60

    _replace_stale_database_connections(task=worker_task)
    assert connection.connection is not None  # kept: no reconnecting for every batch

    connection.close_at = time.monotonic() - 1  # older than CONN_MAX_AGE
    _replace_stale_database_connections(task=worker_task)
    assert connection.connection is None
