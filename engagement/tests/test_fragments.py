"""Pieces of pages kept under a key worked out from what they show: a change to any of it is a new key."""

import pytest

from engagement.fragments import content_key, row_facts
from engagement.models import Estate
from engagement.tests.factories import EstateFactory

pytestmark = pytest.mark.django_db


def test_the_key_changes_with_any_column_of_a_row_or_of_the_rows_it_refers_to():
    estate = EstateFactory(name="Rushey Mead")
    before = content_key(row_facts(Estate.objects.select_related("ward").get(), "ward"))
    assert content_key(row_facts(Estate.objects.select_related("ward").get(), "ward")) == before

    estate.ward.name = "Catford South"
    estate.ward.save()
    assert content_key(row_facts(Estate.objects.select_related("ward").get(), "ward")) != before


def test_columns_left_unread_are_not_read_one_query_at_a_time(django_assert_num_queries):
    EstateFactory(name="Rushey Mead")
    estate = Estate.objects.only("name").get()

    with django_assert_num_queries(0):
        facts = row_facts(estate)

    assert "Rushey Mead" in facts and row_facts(None) == ()
