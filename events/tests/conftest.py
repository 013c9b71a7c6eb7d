import pytest

from events.tests.factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory(title="Repairs open day at Crossfields", capacity=10)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Messages are handed to the worker on commit; in a test transaction, run those hooks by hand."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
