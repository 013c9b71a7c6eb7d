"""What every form on the portal shares: GOV.UK labels and hints, no placeholders."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit


class GovukFormMixin:
    """Render with crispy-forms-gds and drop placeholders (the Design System uses hints instead)."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))
        # The page shows one error summary above the heading; the form's own would repeat it.
        self.helper.form_tag = False
