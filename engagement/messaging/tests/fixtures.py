"""pytest fixtures for sending through the fake Notify. In your app's tests/conftest.py:

    from engagement.messaging.tests.fixtures import notify_stub  # noqa: F401

then ask for `notify_stub` in a test: messages go through the Notify channels to the stub,
and `notify_stub.stats()` / `notify_stub.sent_to(key)` say what it accepted.
"""

import uuid

import pytest

from engagement.messaging import channels
from engagement.messaging.testing.notify_stub import NotifyStub

TEST_API_KEY = f"resident_voice_test-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"

NOTIFY_CHANNELS = {
    "email": "engagement.messaging.channels.notify.NotifyEmailChannel",
    "text": "engagement.messaging.channels.notify.NotifyTextChannel",
    "post": "engagement.messaging.channels.notify.NotifyLetterChannel",
}


def notify_settings(base_url: str) -> dict:
    """Settings (and, upper-cased, environment variables) that send everything through a Notify at base_url."""
    return {
        "NOTIFY_API_KEY": TEST_API_KEY,
        "NOTIFY_BASE_URL": base_url,
        "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.UUID(int=11)),
        "NOTIFY_TEXT_TEMPLATE_ID": str(uuid.UUID(int=12)),
        "NOTIFY_LETTER_TEMPLATE_ID": str(uuid.UUID(int=13)),
        "NOTIFY_TIMEOUT_SECONDS": 5,
    }


@pytest.fixture
def notify_stub(settings):
    stub = NotifyStub(TEST_API_KEY).start()
    for name, value in notify_settings(stub.url).items():
        setattr(settings, name, value)
    settings.MESSAGING_CHANNELS = NOTIFY_CHANNELS
    # The shared limit lives in Redis: tests leave it alone (the real-worker tests check it).
    settings.MESSAGING_RATE_LIMIT_PER_MINUTE = 0
    channels.reset()
    yield stub
    stub.stop()
    channels.reset()
