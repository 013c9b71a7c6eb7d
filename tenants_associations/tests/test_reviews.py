"""Which TRAs are due their AGM or a recognition review: the rule, its filter, and admin."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenants_associations.models import RecognitionStatus, TenantsAssociation, TRASettings
from tenants_associations.models.associations import Due, months_before
from tenants_associations.tests.factories import TenantsAssociationFactory, a_date

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)
NOTICE = 42
MONTHS = 12


def _reviews(**fields):
    return TenantsAssociation(**fields).reviews(today=TODAY, notice_days=NOTICE, review_months=MONTHS)


@pytest.mark.parametrize(
    "next_agm_on,expected",
    [
        (TODAY + timedelta(days=200), Due.NOT_DUE),
        (TODAY + timedelta(days=NOTICE + 1), Due.NOT_DUE),
        (TODAY + timedelta(days=NOTICE), Due.DUE),
        (TODAY, Due.DUE),
        (TODAY - timedelta(days=1), Due.OVERDUE),
        (None, Due.NO_DATE),
    ],
)
def test_an_agm_is_due_within_the_notice_period_and_overdue_once_past(next_agm_on, expected):
    assert _reviews(status=RecognitionStatus.RECOGNISED, next_agm_on=next_agm_on).agm == expected


def test_a_lapsed_tra_is_not_chased_for_an_agm():
    assert _reviews(status=RecognitionStatus.LAPSED, next_agm_on=None).agm == Due.NOT_DUE


def test_a_tra_in_formation_is_due_its_first_agm():
    assert _reviews(status=RecognitionStatus.IN_FORMATION, next_agm_on=None).agm == Due.NO_DATE


@pytest.mark.parametrize(
    "recognised_on,expected_state,expected_date",
    [
        (date(2025, 9, 1), Due.NOT_DUE, date(2026, 9, 1)),
        (date(2025, 4, 20), Due.DUE, date(2026, 4, 20)),
        (date(2025, 3, 1), Due.OVERDUE, date(2026, 3, 1)),
        (None, Due.NO_DATE, None),
    ],
)
def test_recognition_is_reviewed_a_set_number_of_months_after_it_was_given(
    recognised_on, expected_state, expected_date
):
    reviews = _reviews(status=RecognitionStatus.RECOGNISED, recognised_on=recognised_on)

    assert (reviews.recognition, reviews.recognition_date) == (expected_state, expected_date)


def test_only_recognised_tras_have_recognition_reviews():
    assert _reviews(status=RecognitionStatus.IN_FORMATION, recognised_on=None).recognition == Due.NOT_DUE


def test_month_arithmetic_keeps_to_real_dates():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 1, 15), -12) == date(2027, 1, 15)


def test_the_filters_agree_with_the_rule_for_every_day_around_month_ends():
    """The admin filter (SQL) and the admin columns (Python) must never disagree."""
    start = date(2024, 12, 20)
    days = [start + timedelta(days=n) for n in range(0, 110, 1)]
    tras = [
        TenantsAssociationFactory(
            status=RecognitionStatus.RECOGNISED, recognised_on=day - timedelta(days=365), next_agm_on=day
        )
        for day in days
    ]
    for today in (date(2025, 2, 28), date(2025, 1, 31), date(2025, 3, 30), date(2024, 12, 31)):
        for notice in (0, 1, 42):
            agm_due = set(TenantsAssociation.objects.agm_due(today=today, notice_days=notice))
            review_due = set(
                TenantsAssociation.objects.recognition_review_due(today=today, notice_days=notice, review_months=MONTHS)
            )
            for tra in tras:
                reviews = tra.reviews(today=today, notice_days=notice, review_months=MONTHS)
                assert (tra in agm_due) == (reviews.agm in (Due.DUE, Due.OVERDUE, Due.NO_DATE)), (
                    today,
                    notice,
                    tra.next_agm_on,
                )
                assert (tra in review_due) == (reviews.recognition in (Due.DUE, Due.OVERDUE, Due.NO_DATE)), (
                    today,
                    notice,
                    tra.recognised_on,
                )


def test_officers_filter_the_tras_due_an_agm_and_see_why(client, officer):
    due = TenantsAssociationFactory(name="Due Soon TRA", next_agm_on=a_date(10))
    overdue = TenantsAssociationFactory(name="Overdue TRA", next_agm_on=a_date(-10))
    TenantsAssociationFactory(name="Fine TRA", next_agm_on=a_date(300))
    TenantsAssociationFactory(name="Lapsed TRA", status=RecognitionStatus.LAPSED, next_agm_on=None)
    client.force_login(officer)

    page = client.get(
        reverse("admin:tenants_associations_tenantsassociation_changelist"), {"due": "agm"}
    ).content.decode()

    assert due.name in page and overdue.name in page
    assert "Fine TRA" not in page and "Lapsed TRA" not in page
    assert "Overdue" in page and "Due" in page


def test_officers_filter_the_tras_due_a_recognition_review(client, officer):
    TenantsAssociationFactory(name="Old Recognition TRA", recognised_on=timezone.localdate() - timedelta(days=400))
    TenantsAssociationFactory(name="Fresh TRA", recognised_on=timezone.localdate() - timedelta(days=10))
    client.force_login(officer)

    page = client.get(
        reverse("admin:tenants_associations_tenantsassociation_changelist"), {"due": "recognition"}
    ).content.decode()

    assert "Old Recognition TRA" in page and "Fresh TRA" not in page


def test_the_notice_period_is_set_in_admin(client, officer):
    TenantsAssociationFactory(name="Sixty Days TRA", next_agm_on=a_date(60))
    client.force_login(officer)
    url = reverse("admin:tenants_associations_tenantsassociation_changelist")
    assert "Sixty Days TRA" not in client.get(url, {"due": "agm"}).content.decode()

    tra_settings = TRASettings.current()
    tra_settings.agm_notice_days = 90
    tra_settings.save()

    assert "Sixty Days TRA" in client.get(url, {"due": "agm"}).content.decode()
