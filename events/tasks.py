"""Thin tasks: they take ids (or nothing) and call services that are safe to run twice."""

from celery import shared_task

from events.services.bookings import offers_lapse
from events.services.reminders import event_reminders_send


@shared_task
def lapse_offers() -> int:
    return offers_lapse()


@shared_task
def send_due_reminders() -> int:
    return event_reminders_send()
