"""Every TRA message renders on each channel it can go by, with the words residents need."""

from pathlib import Path

import pytest

from engagement.messaging import registry
from engagement.models import Channel

TYPES = [message_type for message_type in registry.all_types() if message_type.key.startswith("tenants_associations.")]
# Officers' messages go to an address by email only; the rest go to residents by any channel.
EMAIL_ONLY = {"tenants_associations.interest_threshold_reached"}
SAMPLE = {
    "first_name": "Rita",
    "site_url": "https://voice.example.gov.uk",
    "service_name": "Resident Voice",
    "tra_name": "Riverside TRA",
    "tra_url": "https://voice.example.gov.uk/tenants-associations/riverside-tra/",
    "resident_name": "Owen Other",
    "block": "Mead House",
    "note": "I can help",
    "review_url": "https://voice.example.gov.uk/review/",
    "reason": "Not on our estate",
    "was_member": True,
    "members_url": "https://voice.example.gov.uk/members/",
    "subject": "Fun day",
    "body": "Saturday on the green",
    "sender_name": "Sam Secretary",
    "to_one_member": False,
    "leave_url": "https://voice.example.gov.uk/leave/",
    "meeting_kind": "Annual general meeting (AGM)",
    "when": "Tuesday 3 March 2026, 7pm to 9pm",
    "where": "Foreshore House community room, Crossfields",
    "event_url": "https://voice.example.gov.uk/whats-on/12/",
    "notes": "Step-free",
    "name": "Pat",
    "email": "pat@example.com",
    "message": "Hello",
    "estate": "Whitefoot Lane",
    "waiting": 10,
    "threshold": 10,
    "interest_url": "https://voice.example.gov.uk/admin/",
    "room": "Meeting room 1",
    "centre": "Taplow Resource Centre",
}


def test_every_message_type_has_its_words():
    assert len(TYPES) == 11
    for message_type in TYPES:
        assert Path(__file__).parent.parent.joinpath("templates", message_type.template_dir, "subject.txt").exists()


@pytest.mark.parametrize("message_type", TYPES, ids=lambda message_type: message_type.key)
def test_each_message_renders_by_every_channel_it_can_use(message_type):
    channels = [Channel.EMAIL] if message_type.key in EMAIL_ONLY else list(Channel)

    for channel in channels:
        rendered = registry.render(message_type.key, channel, SAMPLE)
        assert rendered.subject and "{{" not in rendered.body and "{%" not in rendered.body
        assert rendered.body.strip(), (message_type.key, channel)


def test_texts_stay_short_enough_for_a_few_text_messages():
    for message_type in TYPES:
        if message_type.key not in EMAIL_ONLY and message_type.key != "tenants_associations.notice":
            assert len(registry.render(message_type.key, Channel.TEXT, SAMPLE).body) <= 306, message_type.key
