"""The council's contact details, for messages' words (letters above all): `{% load council %}`."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def council_phone() -> str:
    return settings.COUNCIL_PHONE


@register.simple_tag
def council_opening_hours() -> str:
    return settings.COUNCIL_OPENING_HOURS


@register.simple_tag
def council_address() -> str:
    """The postal address on one line."""
    return ", ".join(settings.COUNCIL_ADDRESS)
