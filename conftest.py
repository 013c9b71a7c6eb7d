"""Fixtures every app's tests share: fast, plain settings, the standing cast, and the browser."""

import os

import pytest

# Playwright's sync API runs an event loop; the Django ORM refuses to run inside one
# unless told it is safe (it is: each test drives one browser from one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Hashed static names need collectstatic, and live_server cannot serve them.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Serve static files straight from the app folders, as a fresh checkout has no collectstatic output.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with a clean cache, so allauth's rate limits (left on) count from zero.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _redis_not_left_alone():
    """A test that made the broker or the cache fail does not make the next one skip Redis."""
    from engagement import cache
    from engagement.messaging.services import outbox

    yield
    outbox._broker_left_alone_until = 0.0
    cache._left_alone_until.clear()


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request, settings):
    """Tasks run eagerly in ordinary tests; tests marked `worker` use Redis and a real worker."""
    from engagement.celery import app

    eager = request.node.get_closest_marker("worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


from engagement.tests.browser import *  # noqa: E402,F401,F403  (Playwright + axe)
from engagement.tests.fixtures import *  # noqa: E402,F401,F403  (the standing cast)
from engagement.tests.migrations import back_to_the_latest_schema  # noqa: E402,F401  (data migration tests)
