import pytest

from engagement.messaging.tests.fixtures import notify_stub  # noqa: F401  (staff invitations through a fake Notify)
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


@pytest.fixture
def reference_data():
    """Access needs and issue categories come from migrations; a transactional test before this one
    may have flushed them, so put them back."""
    from engagement.models import AccessNeed
    from engagement.reference_data import ACCESS_NEEDS
    from events.models import IssueCategory
    from events.reference_data import ISSUE_CATEGORIES

    for position, (code, label) in enumerate(ACCESS_NEEDS):
        AccessNeed.objects.get_or_create(code=code, defaults={"label": label, "position": position})
    for position, (code, name, days) in enumerate(ISSUE_CATEGORIES):
        IssueCategory.objects.get_or_create(
            code=code, defaults={"name": name, "timescale_days": days, "position": position}
        )
