"""What residents fill in: an idea for a project, and their household's choice of projects."""

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.community_projects.models import Kind
from engagement.forms.govuk import PlainTextMixin, form_helper
from engagement.models import Estate


class EstateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, estate):
        return estate.name


class ProposalForm(PlainTextMixin, forms.Form):
    title = forms.CharField(
        label=_("What is your project called?"),
        help_text=_("A short name, for example “Planters on Pepys Estate”."),
        max_length=120,
        error_messages={"required": _("Enter a name for your project")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of project is it?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of project it is")},
    )
    what = forms.CharField(
        label=_("What would the project do?"),
        help_text=_("Say what would happen, and what it would need (for example plants, a trainer, equipment)."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what the project would do")},
    )
    estate = EstateChoiceField(
        label=_("Which estate is it for? (optional)"),
        help_text=_("Leave this empty if it is for residents across the borough."),
        queryset=Estate.objects.order_by("name"),
        required=False,
        empty_label=_("Across the borough"),
    )
    where = forms.CharField(
        label=_("Where exactly? (optional)"),
        help_text=_("For example, the green by Block C."),
        max_length=200,
        required=False,
    )
    who_benefits = forms.CharField(
        label=_("Who would benefit?"),
        help_text=_("For example, children on the estate, or older residents who want to learn digital skills."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say who would benefit")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("title", field_width=Fluid.FULL),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("what", rows=5),
            Field.select("estate"),
            Field.text("where", field_width=Fluid.FULL),
            Field.textarea("who_benefits", rows=3),
            submit=_("Send your idea"),
        )


class ChoiceForm(PlainTextMixin, forms.Form):
    """The household's choice; the page draws the boxes itself, each with its cost for the running total."""

    projects = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one project"),
            "invalid_choice": _("Select projects from this year's list"),
            "invalid_pk_value": _("Select projects from this year's list"),
        },
    )

    def __init__(self, *args, shortlist, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = shortlist
        self.fields["projects"].label = _("Which projects should we fund?")

    def checked(self) -> set[str]:
        """The boxes ticked when the page was sent (kept when it comes back with an error)."""
        return set(self.data.getlist("projects")) if self.is_bound else set()
