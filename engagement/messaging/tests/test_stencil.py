"""A bulk send renders its template once and fills in each resident's parts: the words must be the same."""

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from engagement.messaging import registry
from engagement.models import Channel

TRICKY = {
    "first_name": "Siân O'Brien <&>",
    "unsubscribe_url": "https://example.gov.uk/u/1?a=1&b=2",
    "link": 'https://x/?q="1"',
}
SHARED = {
    "site_url": "https://example.gov.uk",
    "service_name": "Resident Voice",
    "subject": "Roadshow & <more>",
    "body": "Meet the 'team'.",
}


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.TEXT])
def test_a_filled_stencil_says_exactly_what_rendering_says_for_every_message_type(channel):
    stencilled = 0
    for message_type in registry.all_types():
        try:
            get_template(registry.template_path(message_type.key, channel))
        except TemplateDoesNotExist:
            continue  # not sent by this channel
        for slots in [("first_name", "unsubscribe_url"), ("first_name", "link", "unsubscribe_url"), ("first_name",)]:
            stencil = registry.stencil(message_type.key, channel, SHARED, slots)
            if stencil is None:
                continue
            stencilled += 1
            values = {slot: TRICKY[slot] for slot in slots}
            for own in (values, dict.fromkeys(slots, "")):
                assert stencil.fill({**SHARED, **own}) == registry.render(message_type.key, channel, {**SHARED, **own})
    assert stencilled


def test_invitations_are_stencilled():
    assert registry.stencil("engagement.invitation", Channel.EMAIL, SHARED, ("first_name", "unsubscribe_url"))


@pytest.mark.parametrize(
    "source",
    [
        "Dear {{ first_name|upper }}",
        "Dear {{ first_name.0 }}",
        "{% if first_name %}Dear {{ first_name }}{% endif %}",
        "{% if x %}{% elif first_name == 'Bob' %}{% endif %}",
        "{% with name=first_name %}{{ name }}{% endwith %}",
        "{% include 'other.txt' %}",
        "{% load i18n %}{% blocktranslate %}Dear {{ first_name }}{% endblocktranslate %}",
    ],
)
def test_a_template_that_does_more_than_print_a_residents_value_is_rendered_in_full(source):
    assert not registry._uses_slots_plainly(source, {"first_name"})


def test_a_template_that_only_prints_them_can_be_stencilled():
    source = "{% autoescape off %}Dear {{ first_name }},{% if link %} {{ link }}{% endif %} {{ body|linebreaks }}{% endautoescape %}"
    assert registry._uses_slots_plainly(source, {"first_name"})
