"""Absolute links for messages: a resident reads them in an email, text or letter, away from the site."""

from django.conf import settings
from django.urls import reverse


def site_link(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)
