"""GOV.UK Notify for email, text and letter.

Each channel uses one generic Notify template with ((subject)) and ((body)) placeholders
(letters also ((address_line_1)) … ((address_line_7))): the words come from our own
templates. Notify's `reference` carries our idempotency key, so a message whose worker
died can be looked up before it is sent again.
"""

import json
from urllib.parse import urlencode

import requests
import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.errors import HTTPError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient

from engagement.messaging.channels.base import Channel, Delivery, DeliveryError

PROVIDER = "notify"
# Notify allows up to 7 address lines; the last must be a UK postcode (or a country).
MAX_ADDRESS_LINES = 7
# Words in a 400 response that mean the recipient's details, not our request, were refused.
_RECIPIENT_FIELDS = ("phone_number", "email_address", "address", "postcode", "not a valid")


class _NotifyChannel(Channel):
    template_setting = ""

    def __init__(self):
        if not settings.NOTIFY_API_KEY:
            raise ImproperlyConfigured("NOTIFY_API_KEY must be set to send through GOV.UK Notify")
        self.template_id = getattr(settings, self.template_setting)
        if not self.template_id:
            raise ImproperlyConfigured(f"{self.template_setting} must be set to send through GOV.UK Notify")
        # One client (and so one kept-alive HTTP connection) per worker process; it is not thread-safe.
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT_SECONDS
        )
        self.client.request_session = PooledSession(settings.NOTIFY_BASE_URL)
        # All channels on one API key share Notify's limit.
        self.rate_limit_name = f"{PROVIDER}:{self.client.service_id}"

    def send(self, *, to, message, idempotency_key):
        try:
            response = self._send(to, message, idempotency_key)
        except HTTPError as error:
            raise _delivery_error(error) from error
        except InvalidResponse as error:
            raise DeliveryError(f"Notify's answer made no sense: {error}", permanent=False, maybe_sent=True) from error
        return Delivery(to=_describe(to), provider=PROVIDER, reference=response["id"])

    def already_sent(self, idempotency_key):
        try:
            found = self.client.get_all_notifications(reference=idempotency_key)["notifications"]
        except (HTTPError, InvalidResponse) as error:
            # Sending again now could send it twice: leave it for the next try.
            raise DeliveryError(f"Could not ask Notify about {idempotency_key}: {error}", permanent=False) from error
        if not found:
            return None
        notification = found[0]
        to = notification.get("email_address") or notification.get("phone_number") or notification.get("line_1", "")
        return Delivery(to=to or "", provider=PROVIDER, reference=notification["id"])

    def _send(self, to, message, idempotency_key):
        raise NotImplementedError


def _describe(to) -> str:
    return ", ".join(to) if isinstance(to, (list, tuple)) else str(to)


def _delivery_error(error: HTTPError) -> DeliveryError:
    status = error.status_code
    reason = f"Notify said {status}: {error.message}"
    if status == 429:
        return DeliveryError(reason, permanent=False, slow_down=True)
    if status >= 500:
        # The client also reports 503 when no answer came back at all (a timeout): it may have been sent.
        return DeliveryError(reason, permanent=False, slow_down=True, maybe_sent=status in (502, 503, 504))
    if status == 400:
        words = str(error.message).lower()
        return DeliveryError(reason, permanent=True, bad_recipient=any(word in words for word in _RECIPIENT_FIELDS))
    # 403: our key or template is wrong. No resident is at fault, and retrying cannot help.
    return DeliveryError(reason, permanent=True)


class PooledSession:
    """The transport under Notify's client: urllib3's kept-alive connection pool, without requests on top.

    Measured (scripts/bench_fanout.py), requests cost more CPU per message than everything
    else in sending one. The client still builds each request (JWT, URL, JSON) and reads
    each answer; this speaks the part of requests' interface it uses, and raises requests'
    exceptions so the client turns them into its own errors as before.
    """

    def __init__(self, base_url: str):
        # A proxy in the environment (HTTPS_PROXY…) is looked up once, not on every request.
        proxy = requests.utils.get_environ_proxies(base_url).get(urllib3.util.parse_url(base_url).scheme)
        self.pool = urllib3.proxy_from_url(proxy, maxsize=4) if proxy else urllib3.PoolManager(maxsize=4)

    def request(self, method, url, *, headers=None, data=None, params=None, timeout=None):
        if params:
            url = f"{url}?{urlencode(params)}"
        try:
            raw = self.pool.request(
                method, url, body=data, headers=headers, timeout=urllib3.Timeout(total=timeout), retries=False
            )
        except urllib3.exceptions.TimeoutError as error:
            raise requests.Timeout(str(error)) from error
        except urllib3.exceptions.HTTPError as error:
            raise requests.ConnectionError(str(error)) from error
        return _Response(raw)


class _Response:
    def __init__(self, raw):
        self.status_code = raw.status
        self.content = raw.data
        self.text = raw.data.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.content)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code} from Notify", response=self)


class NotifyEmailChannel(_NotifyChannel):
    name = "notify_email"
    template_setting = "NOTIFY_EMAIL_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        return self.client.send_email_notification(
            email_address=to,
            template_id=self.template_id,
            personalisation={"subject": message.subject, "body": message.body},
            reference=idempotency_key,
            one_click_unsubscribe_url=message.unsubscribe_url or None,
        )


class NotifyTextChannel(_NotifyChannel):
    name = "notify_text"
    template_setting = "NOTIFY_TEXT_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        return self.client.send_sms_notification(
            phone_number=to,
            template_id=self.template_id,
            personalisation={"body": message.body},
            reference=idempotency_key,
        )


class NotifyLetterChannel(_NotifyChannel):
    name = "notify_letter"
    template_setting = "NOTIFY_LETTER_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        lines = list(to)
        if len(lines) > MAX_ADDRESS_LINES:
            # Keep the name and the postcode; fold the middle lines together.
            lines = [*lines[:5], ", ".join(lines[5:-1]), lines[-1]]
        address = {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}
        return self.client.send_letter_notification(
            template_id=self.template_id,
            personalisation={**address, "subject": message.subject, "body": message.body},
            reference=idempotency_key,
        )
