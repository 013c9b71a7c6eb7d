from engagement.messaging.admin import bulk_sends, contacts, outbox, print_room  # noqa: F401  (registers)
