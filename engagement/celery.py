"""The Celery app. Workers: `celery -A engagement worker`; schedules: `celery -A engagement beat`."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

app = Celery("engagement")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _replace_stale_database_connections(task=None, **kwargs):
    """Before each task in a worker: a connection that failed or outlived CONN_MAX_AGE is closed,
    so the task opens a new one (see CELERY_DB_REUSE_MAX in settings)."""
    if task is not None and not getattr(task.request, "is_eager", False):
        from django.db import close_old_connections

        close_old_connections()
