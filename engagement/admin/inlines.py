"""Inlines whose boxes say what they are for: a box in a table cell has no <label> of its own."""

from django.contrib import admin


class LabelledTabularInline(admin.TabularInline):
    """Each box carries its column's name (WCAG 1.3.1, 4.1.2), read out by screen readers and found by axe."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    field.widget.attrs.setdefault("aria-label", str(field.label))

        Labelled.__name__ = formset.__name__
        return Labelled
