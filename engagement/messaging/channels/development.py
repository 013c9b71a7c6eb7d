from engagement.messaging.channels.base import Delivery, Sender


class DevelopmentTextChannel(Sender):
    """Records texts instead of sending them, for developers to read in admin (Messages › Development texts)."""

    name = "development_text"

    def send(self, *, to, message, idempotency_key):
        from engagement.messaging.models import DevelopmentText, Message

        DevelopmentText.objects.update_or_create(
            message=Message.objects.get(idempotency_key=idempotency_key), defaults={"to": to, "body": message.body}
        )
        return Delivery(to=to, provider=self.name)

    def already_sent(self, idempotency_key):
        from engagement.messaging.models import DevelopmentText

        text = DevelopmentText.objects.filter(message__idempotency_key=idempotency_key).first()
        return Delivery(to=text.to, provider=self.name) if text else None


class PrintRoomLetterChannel(Sender):
    """Letters for small consultations, printed in-house: each is stored for the next print batch (PDF)."""

    name = "print_room"
    prints_large_print = True

    def send(self, *, to, message, idempotency_key):
        from engagement.messaging.models import LetterToPrint, Message
        from engagement.messaging.services.letters import resident_wants_large_print

        recorded = Message.objects.select_related("resident").get(idempotency_key=idempotency_key)
        LetterToPrint.objects.update_or_create(
            message=recorded,
            defaults={
                "address_lines": list(to),
                "subject": message.subject,
                "body": message.body,
                "large_print": resident_wants_large_print(recorded.resident),
            },
        )
        return Delivery(to=", ".join(to), provider=self.name)

    def already_sent(self, idempotency_key):
        from engagement.messaging.models import LetterToPrint

        letter = LetterToPrint.objects.filter(message__idempotency_key=idempotency_key).first()
        return Delivery(to=", ".join(letter.address_lines), provider=self.name) if letter else None
