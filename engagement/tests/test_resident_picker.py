"""Picking a resident in admin: two residents who share a name can be told apart, and found by where they live."""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.test import RequestFactory
from django.urls import resolve, reverse

from engagement.admin.resident_picker import ResidentChoiceField
from engagement.models import Resident
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_smiths(db):
    lee_manor = EstateFactory(name="Lee Manor")
    crossfields = EstateFactory(name="Crossfields")
    lee_smith = ResidentFactory(
        first_name="Jo",
        last_name="Smith",
        tenancy=TenancyFactory(
            reference="LM-0003",
            home=HomeFactory(block__estate=lee_manor, address_line_1="3 Ash House", postcode="SE12 8AB"),
        ),
    )
    crossfields_smith = ResidentFactory(
        first_name="Jo",
        last_name="Smith",
        tenancy=TenancyFactory(
            reference="CF-0101",
            home=HomeFactory(block__estate=crossfields, address_line_1="101 Reginald Road", postcode="SE8 4RS"),
        ),
    )
    return lee_smith, crossfields_smith


def _search(client, term):
    page = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "booking", "field_name": "resident", "term": term},
    )
    assert page.status_code == 200
    return page.json()["results"]


def test_the_resident_search_shows_estate_address_and_tenancy_reference(officer_client, two_smiths):
    lee_smith, crossfields_smith = two_smiths

    results = _search(officer_client, "Smith")

    assert {result["text"] for result in results} == {
        "Jo Smith · Lee Manor · 3 Ash House, SE12 8AB · tenancy LM-0003",
        "Jo Smith · Crossfields · 101 Reginald Road, SE8 4RS · tenancy CF-0101",
    }


@pytest.mark.parametrize("term", ["Smith Lee Manor", "Smith Ash House", "LM-0003", "Smith SE12"])
def test_an_officer_finds_the_right_resident_by_estate_address_or_reference(officer_client, two_smiths, term):
    lee_smith, _ = two_smiths

    assert [result["id"] for result in _search(officer_client, term)] == [str(lee_smith.pk)]


def test_the_resident_search_reads_each_page_of_results_in_a_fixed_number_of_queries(
    officer_client, two_smiths, django_assert_max_num_queries
):
    ResidentFactory.create_batch(15, last_name="Smith")
    # session, user, permissions, count, page of residents with their homes
    with django_assert_max_num_queries(6):
        assert len(_search(officer_client, "Smith")) == 17


def test_a_resident_without_a_tenancy_says_so(officer_client):
    ResidentFactory(first_name="Ann", last_name="Nolan", tenancy=None)

    assert [result["text"] for result in _search(officer_client, "Nolan")] == ["Ann Nolan · no tenancy on record"]


def test_a_chosen_resident_is_shown_with_their_estate_on_the_form(officer_client, two_smiths):
    lee_smith, _ = two_smiths
    event = EventFactory(invitation_only=True)

    page = officer_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    # The invitation list's picker is a search box labelled the same way as its answers.
    field = page.context["inline_admin_formsets"]
    pickers = [
        form.form.fields["resident"]
        for formset in field
        for form in formset
        if "resident" in form.form.fields and not form.form.fields["resident"].disabled
    ]
    assert pickers and all(isinstance(picker, ResidentChoiceField) for picker in pickers)
    assert pickers[0].label_from_instance(lee_smith) == "Jo Smith · Lee Manor · 3 Ash House, SE12 8AB · tenancy LM-0003"


def test_every_resident_picker_in_admin_is_a_search_box_with_the_full_label(administrator):
    """Every admin form and inline that lets staff choose a resident uses the labelled search box."""
    request = RequestFactory().get("/admin/")
    request.user = administrator
    request.resolver_match = resolve(reverse("admin:index"))
    pickers = []
    for model, model_admin in admin.site._registry.items():
        forms = [(model_admin.get_form(request), None)]
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            forms.append((formset.form, formset.fk.name))  # the link to the record the inline is on is no picker
        for form, parent_link in forms:
            for name, field in form.base_fields.items():
                if name == parent_link:
                    continue
                if getattr(field, "queryset", None) is not None and field.queryset.model is Resident:
                    pickers.append((f"{model._meta.label}.{form.__name__}.{name}", field))
    assert pickers, "no admin lets staff pick a resident: has the check stopped finding them?"
    wrong = [
        name
        for name, field in pickers
        if not isinstance(field, ResidentChoiceField)
        or not isinstance(getattr(field.widget, "widget", field.widget), AutocompleteSelect)
    ]
    assert not wrong
