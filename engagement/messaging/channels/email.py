import smtplib

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage

from engagement.messaging.channels.base import Delivery, DeliveryError, Sender


class DjangoEmailChannel(Sender):
    """Email through Django's backend: SMTP in production, console or locmem in development and tests.

    SMTP cannot be asked whether it has a message already, so each result is recorded before the next
    send: a crash can send again at most the one message in flight.
    """

    name = "django_email"
    attaches_files = True

    @classmethod
    def longest_send_seconds(cls):
        # Each exchange with the mail server waits at most EMAIL_TIMEOUT; a send is a handful of them.
        return 4 * settings.EMAIL_TIMEOUT if settings.EMAIL_TIMEOUT else None

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
        for name, content, mimetype in message.attachments:
            email.attach(name, content, mimetype)
        try:
            email.send()
        except BadHeaderError as error:
            # A line break in a subject or address: it can never be sent as it is.
            raise DeliveryError(f"The email could not be written: {error}", permanent=True) from error
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"The mail server refused {to}: {error}", permanent=True, bad_recipient=True) from error
        except OSError as error:
            # The mail server is down or busy for every message, not refusing this one: the batch waits.
            raise DeliveryError(f"Email server unavailable: {error}", permanent=False, slow_down=True) from error
        return Delivery(to=to, provider=self.name)
