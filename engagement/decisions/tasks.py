"""Thin tasks: they take ids and call the services, which are safe to run twice."""

from celery import shared_task

from engagement.decisions.services import decision_tell_contributors, overdue_owners_tell


@shared_task
def tell_contributors(decision_id: int) -> int:
    return decision_tell_contributors(decision_id=decision_id)


@shared_task
def tell_owners_of_overdue_decisions() -> int:
    return overdue_owners_tell()
