"""Thin tasks: they take ids and call the services, which are safe to run twice.

acks_late: a task is removed from the broker only once it has run, so a worker killed
mid-task leaves it to be run again (the outbox makes sure nothing goes twice). A retry goes
back to the queue the task came from (Celery's own routing of retries).
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from engagement.messaging.services import messages_deliver, messages_sweep
from engagement.messaging.services.bulk import bulk_send_dispatch
from engagement.messaging.services.digests import ward_digests_send

# When the database is away, the batch tries again soon: 1 s, 2 s, 4 s … then every 30 s.
DATABASE_RETRY_MAX_SECONDS = 30


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_messages(self, message_ids: list[int], slow_downs: int = 0, database_errors: int = 0) -> int:
    """Send a batch of recorded messages; try again later the ones that failed for now."""
    try:
        report = messages_deliver(message_ids=message_ids, slow_downs=slow_downs)
    except (OperationalError, InterfaceError) as error:
        if self.request.is_eager:
            raise
        # The messages not yet tried are still queued, so the batch simply starts again once the database is back.
        raise self.retry(
            exc=error,
            args=[message_ids],
            kwargs={"slow_downs": slow_downs, "database_errors": database_errors + 1},
            countdown=min(2**database_errors, DATABASE_RETRY_MAX_SECONDS),
        ) from error
    if report.retry_ids and not self.request.is_eager:
        # How many tries a message gets is counted in the outbox (MESSAGING_MAX_ATTEMPTS); the batch
        # counts how often the provider asked it to slow down, which sets how long it waits.
        raise self.retry(
            args=[report.retry_ids],
            kwargs={"slow_downs": slow_downs + 1 if report.slowed_down else 0},
            countdown=report.retry_after,
        )
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
