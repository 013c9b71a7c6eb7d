"""Thin tasks: they take ids and call the services, which are safe to run twice.

acks_late: a task is removed from the broker only once it has run, so a worker killed
mid-task leaves it to be run again (the outbox makes sure nothing goes twice).
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from engagement.messaging.services import messages_deliver, messages_sweep
from engagement.messaging.services.bulk import bulk_send_dispatch
from engagement.messaging.services.digests import ward_digests_send


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_messages(self, message_ids: list[int]) -> int:
    """Send a batch of recorded messages; try again later the ones that failed for now."""
    report = messages_deliver(message_ids=message_ids)
    if report.retry_ids and not self.request.is_eager:
        # How many tries a message gets is counted in the outbox (MESSAGING_MAX_ATTEMPTS), not here.
        raise self.retry(args=[report.retry_ids], countdown=report.retry_after, queue=settings.MESSAGING_QUEUE)
    return len(report.statuses)


@shared_task
def sweep_messages() -> int:
    return messages_sweep()


@shared_task(acks_late=True)
def dispatch_bulk_send(bulk_send_id: int) -> int:
    return bulk_send_dispatch(bulk_send_id=bulk_send_id)


@shared_task
def send_ward_digests() -> int:
    return ward_digests_send(week_ending=timezone.localdate())
