import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from engagement.messaging.channels.base import Channel, Delivery, DeliveryError


class DjangoEmailChannel(Channel):
    """Email through Django's backend: SMTP in production, console or locmem in development and tests."""

    name = "django_email"

    def send(self, *, to, message, idempotency_key):
        headers = {"X-Resident-Voice-Reference": idempotency_key, **message.headers}
        if message.unsubscribe_url:
            # RFC 8058: mail apps offer "unsubscribe", which POSTs to the link without opening it.
            headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=headers,
        )
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"The mail server refused {to}: {error}", permanent=True, bad_recipient=True) from error
        except (OSError, TimeoutError) as error:
            raise DeliveryError(f"Email server unavailable: {error}", permanent=False) from error
        return Delivery(to=to, provider=self.name)
