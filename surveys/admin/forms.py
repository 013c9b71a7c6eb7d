"""Admin forms: the survey with its audience picker, questions with their choices one per line."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet

from engagement.admin.resident_picker import ResidentChoiceField
from engagement.messaging.audience import Audience
from engagement.messaging.audience_form import AudienceFields
from events.admin.forms import when_field
from surveys.models import Answer, Choice, Question, Response, ResponseChannel, Survey, TsmQuestion
from surveys.services.building import picked_choices_beyond


class SurveyAdminForm(AudienceFields, forms.ModelForm):
    """The audience is stored as JSON (messaging's Audience); officers pick it with the same fields as a bulk
    send's. (Admin's two-box picker was once swapped in after the fields were built: it had no options, and
    saving a survey emptied its audience to everyone. Its search box also fails accessibility checks.)"""

    # The browser's own date and time picker, labelled for screen readers (admin's split one is not).
    opens_at = when_field("Opens")
    closes_at = when_field("Closes")

    class Meta:
        model = Survey
        exclude = ["audience"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_audience(Audience.from_json(self.instance.audience or {}))

    def save(self, commit=True):
        # Only a change to the pickers rewrites the audience: saving anything else leaves it exactly as it was.
        if not self.instance.pk or set(self.AUDIENCE_FIELDS) & set(self.changed_data):
            self.instance.audience = self.audience().as_json()
        return super().save(commit)


# A Tenant Satisfaction Measures question must be asked as the regulator words it, in its place.
FIXED_BY_THE_REGULATOR = {"text", "kind", "section", "position", "choices_text", "allow_other"}
REGULATORS_WORDS = (
    "asks a Tenant Satisfaction Measure in the regulator's words, so it cannot be changed or deleted. "
    "Add any questions of your own after the measures."
)


def asks_a_tsm(question: Question) -> bool:
    return TsmQuestion.objects.filter(question=question).exists()


class KeepAnsweredFormSet(BaseInlineFormSet):
    """Questions and choices people have answered cannot be deleted one by one (their answers would go)."""

    def clean(self):
        super().clean()
        field = {Question: "question", Choice: "choice"}[self.model]
        for form in self.deleted_forms:
            if self.model is Question and form.instance.pk and asks_a_tsm(form.instance):
                raise forms.ValidationError(f"“{form.instance}” {REGULATORS_WORDS}")
            if form.instance.pk and Answer.objects.filter(**{field: form.instance}).exists():
                raise forms.ValidationError(
                    f"“{form.instance}” has answers, so it cannot be deleted. Delete the whole survey to remove its answers."
                )


class QuestionInlineForm(forms.ModelForm):
    choices_text = forms.CharField(
        label="Choices, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="For single choice, multiple choice and ranking (for ranking, the projects or options to put in order). "
        "Yes/no and rating scales make their own. Changing a line's words keeps the answers already given to it.",
    )

    class Meta:
        model = Question
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(
                self.instance.choices.filter(is_other=False).values_list("label", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and set(self.changed_data) & FIXED_BY_THE_REGULATOR and asks_a_tsm(self.instance):
            raise forms.ValidationError(f"“{self.instance}” {REGULATORS_WORDS}")
        labels = [line.strip() for line in cleaned.get("choices_text", "").splitlines() if line.strip()]
        cleaned["choice_labels"] = labels
        if cleaned.get("kind") in Question.OFFICER_CHOICES:
            if len(labels) < 2:
                self.add_error("choices_text", "Enter at least 2 choices, one per line.")
            elif len(set(labels)) != len(labels):
                self.add_error("choices_text", "Each choice must be different.")
            elif self.instance.pk:
                blocked = picked_choices_beyond(question=self.instance, keep=len(labels))
                if blocked:
                    self.add_error(
                        "choices_text", f"People have already chosen {', '.join(blocked)}, so it cannot be removed."
                    )
        return cleaned


class EnterResponseForm(forms.Form):
    channel = forms.ChoiceField(
        label="How they answered",
        choices=[
            (ResponseChannel.PAPER.value, "On a paper form"),
            (ResponseChannel.PHONE.value, "By phone"),
            (ResponseChannel.DOOR.value, "On the doorstep"),
        ],
        widget=forms.RadioSelect,
    )

    field_order = ["resident", "channel"]

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"] = ResidentChoiceField(
            widget=AutocompleteSelect(Response._meta.get_field("resident"), admin_site),
            help_text="Search by name, estate, address, tenancy reference, email or postcode.",
        )
        self.order_fields(self.field_order)
