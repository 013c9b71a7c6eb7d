"""The migration that left community projects to their own app: a survey made as one is kept, as a survey."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.tests.migrations import latest, migrate
from surveys.models import Survey

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_the_latest_schema")]

BEFORE = [("surveys", "0008_track_content_versions")]


def test_a_community_projects_survey_is_kept_as_an_ordinary_survey():
    old = migrate(BEFORE)
    surveys = old.get_model("surveys", "Survey").objects
    opens_at = timezone.now()
    closes_at = opens_at + timedelta(days=28)
    projects = surveys.create(
        title="Projects 2025", slug="projects-2025", kind="community_projects", opens_at=opens_at, closes_at=closes_at
    )
    tenants = surveys.create(
        title="TSM 2025", slug="tsm-2025", kind="tenant_satisfaction", opens_at=opens_at, closes_at=closes_at
    )

    migrate(latest())

    assert Survey.objects.get(pk=projects.pk).kind == Survey.Kind.CONSULTATION
    assert Survey.objects.get(pk=tenants.pk).kind == Survey.Kind.TENANT_SATISFACTION
    assert "community_projects" not in Survey.Kind.values
