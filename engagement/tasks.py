"""Thin tasks: they take ids (or nothing) and call services that are safe to run twice."""

from celery import shared_task

from engagement.services.involvement import involvement_refresh
from engagement.services.tenancy_import import tenancy_import_files_delete


@shared_task
def delete_old_tenancy_files() -> int:
    return tenancy_import_files_delete()


@shared_task
def refresh_involvement() -> int:
    return involvement_refresh()
