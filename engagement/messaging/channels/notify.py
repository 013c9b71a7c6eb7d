"""GOV.UK Notify for email, text and letter.

Each channel uses one generic Notify template with ((subject)) and ((body)) placeholders
(letters also ((address_line_1)) … ((address_line_7))): the words come from our own
templates. Notify's `reference` carries our idempotency key, so a message whose worker
died can be looked up before it is sent again.
"""

import re
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.errors import HTTPError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient

from engagement.messaging.channels.base import Delivery, DeliveryError, Sender

PROVIDER = "notify"
# Notify allows up to 7 address lines; the last must be a UK postcode (or a country).
MAX_ADDRESS_LINES = 7
# Words in a 400 response that mean the recipient's details, not our request, were refused.
_RECIPIENT_FIELDS = ("phone_number", "email_address", "address", "postcode", "not a valid")
# What Notify's client accepts as a key: a name, the service id and the secret.
_API_KEY = re.compile(r"^.+-[0-9a-f-]{36}-[0-9a-f-]{36}$")


class _NotifySender(Sender):
    template_setting = ""

    def __init__(self):
        for problem in self.configuration_problems():
            raise ImproperlyConfigured(problem)
        self.template_id = getattr(settings, self.template_setting)
        # Notify's client (and its requests session, which keeps connections alive) is not thread-safe: one per thread.
        self._local = threading.local()
        # All channels on one API key share Notify's limit.
        self.rate_limit_name = f"{PROVIDER}:{settings.NOTIFY_API_KEY[-73:-37]}"

    @classmethod
    def configuration_problems(cls) -> list[str]:
        problems = []
        if not _API_KEY.match(settings.NOTIFY_API_KEY or ""):
            problems.append("NOTIFY_API_KEY must be set to a GOV.UK Notify API key to send through Notify")
        if not getattr(settings, cls.template_setting):
            problems.append(f"{cls.template_setting} must be set to send through GOV.UK Notify")
        return problems

    @classmethod
    def longest_send_seconds(cls) -> float:
        # requests' timeout applies to connecting and to waiting for the answer, each.
        return 2 * settings.NOTIFY_TIMEOUT_SECONDS

    @property
    def client(self) -> NotificationsAPIClient:
        # As shipped: requests reads the proxy and CA settings (HTTPS_PROXY, REQUESTS_CA_BUNDLE…) itself.
        if not hasattr(self._local, "client"):
            self._local.client = NotificationsAPIClient(
                settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT_SECONDS
            )
        return self._local.client

    def send(self, *, to, message, idempotency_key):
        try:
            response = self._send(to, message, idempotency_key)
        except HTTPError as error:
            raise _delivery_error(error) from error
        except InvalidResponse as error:
            raise DeliveryError(f"Notify's answer made no sense: {error}", permanent=False, maybe_sent=True) from error
        return Delivery(to=", ".join(to) if isinstance(to, list) else to, provider=PROVIDER, reference=response["id"])

    def already_sent(self, idempotency_key):
        try:
            found = self.client.get_all_notifications(reference=idempotency_key)["notifications"]
        except (HTTPError, InvalidResponse) as error:
            # Sending again now could send it twice: leave it for the next try. Notify being busy or down
            # is not held against the message, as when sending.
            slow_down = isinstance(error, HTTPError) and _delivery_error(error).slow_down
            reason = f"Could not ask Notify about {idempotency_key}: {error}"
            raise DeliveryError(reason, permanent=False, slow_down=slow_down) from error
        if not found:
            return None
        notification = found[0]
        to = notification.get("email_address") or notification.get("phone_number") or notification.get("line_1", "")
        return Delivery(to=to or "", provider=PROVIDER, reference=notification["id"])

    def _send(self, to, message, idempotency_key):
        raise NotImplementedError


def _delivery_error(error: HTTPError) -> DeliveryError:
    status = error.status_code
    reason = f"Notify said {status}: {error.message}"
    if error.response is None and error.__cause__ is not None:
        # No answer at all (a timeout, a refused connection or certificate): say why.
        reason = f"No answer from Notify: {error.__cause__}"
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


class NotifyEmailChannel(_NotifySender):
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


class NotifyTextChannel(_NotifySender):
    name = "notify_text"
    template_setting = "NOTIFY_TEXT_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        return self.client.send_sms_notification(
            phone_number=to,
            template_id=self.template_id,
            personalisation={"body": message.body},
            reference=idempotency_key,
        )


class NotifyLetterChannel(_NotifySender):
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
