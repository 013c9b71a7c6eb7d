"""What every form on the portal shares: one-line answers kept to one line; GOV.UK labels and hints."""

import unicodedata

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.utils.translation import gettext_lazy as _

# Characters that reorder the text around them ("Trojan source"): a name could show as something else.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (Hangul fillers, the blank Braille pattern): a "name" of them looks empty.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _looks_empty(value: str) -> bool:
    return all(ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) == "Cf" for ch in value)


class _OneLine:
    """A one-line answer: no line breaks or other control characters, nothing that reverses the
    text, and not made only of invisible characters (which would read as blank)."""

    def __init__(self, subject: str, blank_message: str):
        self.subject = subject
        self.blank_message = blank_message

    def __call__(self, value: str) -> None:
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise ValidationError(
                _("{subject} must be on one line, without hidden control characters").format(subject=self.subject),
                code="control_character",
            )
        if any(ch in _DIRECTION_CONTROLS for ch in value):
            raise ValidationError(
                _("{subject} must not have characters that reverse the direction of the text").format(
                    subject=self.subject
                ),
                code="direction",
            )
        if _looks_empty(value):
            raise ValidationError(self.blank_message, code="invisible")


def _subject(field: forms.Field, name: str) -> str:
    """How the messages name the field: "Your name"; "Your answer" for a question."""
    label = str(field.label or pretty_name(name)).removesuffix(" (optional)").strip()
    return str(_("Your answer")) if label.endswith("?") else label


class PlainTextMixin:
    """Every one-line field of the form (names, references, places) refuses what could break a
    message or disguise a name: line breaks and other control characters (a name ends up in an
    email's subject), text-reversing characters, and answers made only of invisible characters.

    Every form residents fill in has it (a test checks); paragraphs (textareas) keep their lines.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.Textarea | forms.PasswordInput
            ):
                subject = _subject(field, name)
                required = field.error_messages.get("required")
                blank = (
                    required if field.required and required != forms.Field.default_error_messages["required"] else None
                )
                field.validators.append(_OneLine(subject, blank or f"{subject} must include letters or numbers"))


def form_helper(*layout, submit: str | None = None, method: str = "post") -> FormHelper:
    """The crispy-forms-gds helper every form on the portal uses: fields (and buttons) only.

    The page writes the <form> tag itself, and one error summary above the heading (the form's
    own would repeat it). With no layout, every field is shown in order. A "get" form (a search
    or filter) carries no CSRF token, so the address holds only what was searched for.
    """
    helper = FormHelper()
    helper.form_tag = False
    helper.form_method = method
    if layout:
        helper.layout = Layout(*layout, *([Submit("submit", submit)] if submit else []))
    elif submit:
        helper.add_input(Submit("submit", submit))
    return helper


class GovukFormMixin(PlainTextMixin):
    """For forms shown field by field in order (allauth's, the discussions'): a Continue button and
    no placeholders (the Design System uses hints instead)."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.helper = form_helper(submit=self.submit_label)
