from django.conf import settings
from django.core.mail import EmailMessage

from engagement.messaging.channels.base import Channel, Delivery, DeliveryError


class DjangoEmailChannel(Channel):
    """Email through Django's backend: SMTP in production, console or locmem in development and tests."""

    name = "django_email"

    def send(self, *, to, message, idempotency_key):
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={"X-Resident-Voice-Reference": idempotency_key, **message.headers},
        )
        try:
            email.send()
        except (OSError, TimeoutError) as error:
            raise DeliveryError(f"Email server unavailable: {error}", permanent=False) from error
        return Delivery(to=to, provider=self.name)
