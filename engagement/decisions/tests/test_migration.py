"""The migration that turned "you said, we did" into decisions: every entry kept, its survey a source."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from engagement.decisions.models import Decision
from surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("surveys", "0003_one_answer_per_home"), ("decisions", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    yield
    graph = MigrationExecutor(connection).loader.graph
    _migrate(graph.leaf_nodes())


def test_each_entry_becomes_a_published_decision_with_its_survey_or_its_source_named():
    survey = SurveyFactory(title="Caretaking")
    old = _migrate(BEFORE)
    entries = old.get_model("surveys", "YouSaidWeDid").objects
    published = timezone.now()
    entries.create(title="Stairs", you_said="Dirty", we_did="Cleaned", survey_id=survey.pk, published_at=published)
    entries.create(title="Damp", you_said="Slow", we_did="Faster", source_title="Damp and mould panel")

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    stairs, damp = Decision.objects.order_by("pk")
    assert (stairs.title, stairs.status, stairs.published_at) == ("Stairs", "done", published)
    assert stairs.sources.get().survey_id == survey.pk
    assert damp.published_at is None and damp.sources.get().public_label == "Damp and mould panel"
    assert [change.status for change in stairs.history.all()] == ["done"]
