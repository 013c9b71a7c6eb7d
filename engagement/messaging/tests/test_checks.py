"""Wrong messaging settings fail `manage.py check`, not the first message sent."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from engagement.messaging.tests.fixtures import NOTIFY_CHANNELS, notify_settings


@pytest.fixture
def through_notify(settings):
    for name, value in notify_settings("https://api.notifications.service.gov.uk").items():
        setattr(settings, name, value)
    settings.MESSAGING_CHANNELS = NOTIFY_CHANNELS
    return settings


def check_fails_saying(words):
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert words in str(failure.value)


def test_the_settings_as_shipped_pass(through_notify):
    call_command("check")


def test_a_channel_that_cannot_be_imported_fails_the_check(settings):
    settings.MESSAGING_CHANNELS = {**settings.MESSAGING_CHANNELS, "text": "engagement.messaging.channels.nope.Texts"}

    check_fails_saying("The text channel 'engagement.messaging.channels.nope.Texts' cannot be imported")


def test_a_channel_that_is_not_a_sender_fails_the_check(settings):
    settings.MESSAGING_CHANNELS = {**settings.MESSAGING_CHANNELS, "email": "engagement.models.Resident"}

    check_fails_saying("is not a Sender")


def test_notify_without_its_key_or_templates_fails_the_check(through_notify):
    through_notify.NOTIFY_API_KEY = ""
    through_notify.NOTIFY_LETTER_TEMPLATE_ID = ""

    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert "NOTIFY_API_KEY must be set" in str(failure.value)
    assert "NOTIFY_LETTER_TEMPLATE_ID must be set" in str(failure.value)


def test_a_negative_batch_size_fails_the_check(settings):
    settings.MESSAGING_BATCH_SIZE = -5

    check_fails_saying("MESSAGING_BATCH_SIZE must be at least 1")


def test_taking_messages_from_workers_sooner_than_a_send_can_take_fails_the_check(through_notify):
    through_notify.NOTIFY_TIMEOUT_SECONDS = 20
    through_notify.MESSAGING_STUCK_AFTER_SECONDS = 60

    check_fails_saying("MESSAGING_STUCK_AFTER_SECONDS (60) must be at least twice as long")
