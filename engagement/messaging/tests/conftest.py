import pytest

from engagement.messaging.tests.fixtures import notify_stub  # noqa: F401  (the fake Notify)
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import ResidentFactory


def opt_in(resident, *channels, purpose=Purpose.ENGAGEMENT, given=True):
    for channel in channels:
        consent_record(resident, channel=channel, purpose=purpose, given=given, source=ConsentSource.ACCOUNT)
    return resident


@pytest.fixture
def engaged_resident(db):
    """A resident who asked for surveys and invitations by email and text."""
    return opt_in(ResidentFactory(first_name="Esther", mobile="+447700900123"), Channel.EMAIL, Channel.TEXT)
