"""Picking a resident in admin: every picker shows whose record it is, not just a name.

Two residents can share a name; the estate, the address and the tenancy reference tell them
apart. The admin site (`engagement.admin_site`) gives every admin's resident field this label
and a search box (autocomplete), and the autocomplete answers with the same label.
"""

from django import forms

from engagement.models import Resident


def resident_label(resident: Resident) -> str:
    """ "Rita Smith · Lee Manor · Flat 3, Ash House, SE12 8AB · tenancy LM-0003": what tells residents apart."""
    parts = [resident.full_name or "(erased)"]
    if resident.tenancy_id:
        tenancy = resident.tenancy
        home = tenancy.home
        parts += [home.block.estate.name, str(home), f"tenancy {tenancy.reference}"]
    else:
        parts.append("no tenancy on record")
    return " · ".join(parts)


# What a resident's label reads, fetched with the resident.
LABEL_RELATED = "tenancy__home__block__estate"


def residents_to_pick():
    """Residents with what their label needs, read in the same query."""
    return Resident.objects.select_related(LABEL_RELATED)


class ResidentChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=residents_to_pick() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj):
        return resident_label(obj)


def resident_fields(model) -> list[str]:
    """Names of the model's editable foreign keys to a resident."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.editable and field.related_model is Resident
    ]
