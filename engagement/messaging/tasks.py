"""Thin tasks: they take ids and call the services, which are safe to run twice."""

from celery import shared_task

from engagement.messaging.services import message_deliver, messages_sweep

# Back off 10 s, 20 s, 40 s … up to an hour between tries of a message that failed for now.
MAX_BACKOFF_SECONDS = 3600


@shared_task(bind=True, acks_late=True, max_retries=10)
def deliver_message(self, message_id: int) -> str:
    outcome = message_deliver(message_id)
    if outcome.should_retry and not self.request.is_eager:
        countdown = outcome.retry_after or min(10 * 2**self.request.retries, MAX_BACKOFF_SECONDS)
        raise self.retry(countdown=countdown)
    return outcome.status


@shared_task
def sweep_messages() -> int:
    return messages_sweep()
