"""What the tests of data migrations share: take the database back to a migration, and forward again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` (app, migration) pairs; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    """Every app's latest migration: going back in one app also undoes the apps that depend on it."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def back_to_the_latest_schema():
    """Whatever happens in the test, the tests after it find the database as migrations leave it."""
    yield
    migrate(latest())
