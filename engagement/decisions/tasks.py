"""Thin tasks: they take ids and call the services, which are safe to run twice."""

from celery import shared_task

from engagement.decisions.services import decision_tell_contributors


@shared_task
def tell_contributors(decision_id: int) -> int:
    return decision_tell_contributors(decision_id=decision_id)
