from events.admin import bookings, events, walkabouts, workshops  # noqa: F401  (registers)
