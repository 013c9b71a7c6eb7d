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


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
