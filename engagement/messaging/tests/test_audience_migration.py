"""Saved audiences keep their contact-details filter when its key is renamed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from engagement.messaging.audience import Audience, ContactDetails
from engagement.messaging.models import BulkSend

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("messaging", "0003_letters_print_their_subject")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_send_saved_for_residents_with_email_still_chooses_only_them():
    old = _migrate(BEFORE)
    saved = old.get_model("messaging", "BulkSend").objects.create(
        template="bulk", description="Repairs day", audience={"estates": [1], "reach": "has_email"}
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    audience = Audience.from_json(BulkSend.objects.get(pk=saved.pk).audience)
    assert (audience.estates, audience.contact_details) == ([1], ContactDetails.HAS_EMAIL)
