"""Content versions (engagement/versions.py): kept content is used again only while nothing it comes from changed."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from engagement.models import ConsentChange, Estate, Ward
from engagement.tests.factories import EstateFactory
from engagement.versions import kept, row_facts, source_fingerprint, versions

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    # Outside a test's transaction, as requests run: the numbers change as writes commit.
    pytest.mark.django_db(transaction=True),
]


def numbers(found) -> dict[str, int]:
    return {table: number for table, _token, number in found}


def test_a_version_changes_when_its_table_changes_and_only_then():
    before = versions(Ward, Estate)
    assert versions(Ward, Estate) == before

    Ward.objects.create(name="Ravenscourt")

    after = versions(Ward, Estate)
    assert numbers(after)["engagement_ward"] > numbers(before)["engagement_ward"]
    assert numbers(after)["engagement_estate"] == numbers(before)["engagement_estate"]


def test_writes_without_saving_models_count_too():
    ward = Ward.objects.create(name="Ravenscourt")
    before = versions(Ward)

    Ward.objects.filter(pk=ward.pk).update(name="Ravenscourt Park")
    after_update = versions(Ward)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM engagement_ward WHERE id = %s", [ward.pk])

    assert before != after_update != versions(Ward)


def test_a_rolled_back_write_leaves_the_version_alone():
    before = versions(Ward)

    with pytest.raises(RuntimeError), transaction.atomic():
        Ward.objects.create(name="Ravenscourt")
        raise RuntimeError

    assert versions(Ward) == before


def test_kept_work_is_used_again_until_a_table_it_comes_from_changes():
    calls = []

    def count_wards():
        calls.append(1)
        return Ward.objects.count()

    assert kept("test-wards", count_wards, Ward, key=("en",)) == 0
    assert kept("test-wards", count_wards, Ward, key=("en",)) == 0
    assert len(calls) == 1
    assert kept("test-wards", count_wards, Ward, key=("cy",)) == 0  # another key is worked out afresh
    assert len(calls) == 2

    Ward.objects.create(name="Ravenscourt")

    assert kept("test-wards", count_wards, Ward, key=("en",)) == 1
    assert len(calls) == 3


def test_inside_a_transaction_everything_is_worked_out_afresh():
    with transaction.atomic():
        assert versions(Ward) is None
        Ward.objects.create(name="Ravenscourt")
        assert kept("test-wards-in-transaction", Ward.objects.count, Ward) == 1


def test_a_table_nobody_keeps_a_version_of_is_refused_loudly():
    # A history no page shows.
    with pytest.raises(ImproperlyConfigured, match="engagement_consentchange"):
        versions(ConsentChange)


def test_tracking_a_table_twice_changes_nothing():
    """Two apps may both ask for a table they read; the second migration must not fail or double the trigger."""
    from engagement.versions import _track

    with connection.cursor() as cursor:
        cursor.execute(_track("engagement_ward"))
    before = versions(Ward)

    Ward.objects.create(name="Ravenscourt")

    assert numbers(versions(Ward))["engagement_ward"] > numbers(before)["engagement_ward"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'engagement_ward'::regclass AND NOT tgisinternal"
        )
        assert cursor.fetchone() == (2,)  # the version's two triggers, once each


def test_content_written_by_other_code_is_not_used_after_a_deploy(tmp_path, monkeypatch):
    (tmp_path / "events").mkdir()
    template = tmp_path / "events" / "whats_on.html"
    template.write_text("<h1>What's on</h1>")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "minutes.txt").write_text("an upload")
    before = source_fingerprint(tmp_path)
    (tmp_path / "media" / "minutes.txt").write_text("another upload")  # not code: the same
    assert source_fingerprint(tmp_path) == before

    template.write_text("<h1>Events</h1>")  # a deploy changes a template

    assert source_fingerprint(tmp_path) != before
    calls = []
    assert kept("test-deploy", lambda: calls.append(1) or "old", Ward) == "old"
    monkeypatch.setattr("engagement.versions.release", lambda: "the next release")
    assert kept("test-deploy", lambda: calls.append(1) or "new", Ward) == "new"
    assert len(calls) == 2


def test_a_rows_facts_leave_out_columns_not_read_rather_than_read_them_one_by_one(django_assert_num_queries):
    EstateFactory(name="Rushey Mead")
    estate = Estate.objects.only("name").get()

    with django_assert_num_queries(0):
        facts = row_facts(estate)

    assert "Rushey Mead" in facts
