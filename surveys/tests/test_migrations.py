"""The migration that left community projects to their own app: a survey made as one is kept, as a survey."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from surveys.models import Survey

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("surveys", "0008_track_content_versions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Whatever happens in the test, the tests after it find the database as migrations leave it."""
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_community_projects_survey_is_kept_as_an_ordinary_survey():
    old = _migrate(BEFORE)
    surveys = old.get_model("surveys", "Survey").objects
    opens_at = timezone.now()
    closes_at = opens_at + timedelta(days=28)
    projects = surveys.create(
        title="Projects 2025", slug="projects-2025", kind="community_projects", opens_at=opens_at, closes_at=closes_at
    )
    tenants = surveys.create(
        title="TSM 2025", slug="tsm-2025", kind="tenant_satisfaction", opens_at=opens_at, closes_at=closes_at
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Survey.objects.get(pk=projects.pk).kind == Survey.Kind.CONSULTATION
    assert Survey.objects.get(pk=tenants.pk).kind == Survey.Kind.TENANT_SATISFACTION
    assert "community_projects" not in Survey.Kind.values
