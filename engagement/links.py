"""Full addresses of pages on the site, for messages a resident reads away from it.

Built from SITE_URL, never from the request: a link in an email or letter must name the
public site whichever address the request came in on (or when there is no request at all).
"""

from django.conf import settings
from django.urls import reverse


def site_url(url_name: str, *args, **kwargs) -> str:
    """site_url("events:detail", 12) -> "https://example.gov.uk/whats-on/12/"."""
    return settings.SITE_URL + reverse(url_name, args=args or None, kwargs=kwargs or None)
