"""Fields that forms open to everyone share: who is writing, how to reply, and what they say."""

from html import escape

from django import forms
from django.core.validators import EmailValidator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from engagement.email_addresses import FORMAT_MESSAGE, validate_email_address

INVALID_EMAIL = _(FORMAT_MESSAGE)


class EmailAddressField(forms.EmailField):
    """An address GOV.UK Notify can send to; a wrong one is explained character by character."""

    default_validators = [validate_email_address]


def use_notify_email_rules(field: forms.Field) -> None:
    """Give a form field made elsewhere (allauth's) our check and messages in place of Django's."""
    field.validators = [validator for validator in field.validators if not isinstance(validator, EmailValidator)] + [
        validate_email_address
    ]


def your_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Enter your name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )


def email_field(*, label: str = _("Email address"), help_text: str = "", required: bool = True) -> forms.EmailField:
    return EmailAddressField(
        label=label,
        help_text=help_text,
        required=required,
        error_messages={"required": _("Enter your email address"), "invalid": INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def message_field(*, max_length: int, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=_("Your message"),
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": _("Enter your message"),
            "max_length": format_lazy(
                _("Your message must be {max_length} characters or fewer"), max_length=max_length
            ),
        },
        widget=forms.Textarea,
    )


class LongSelect(forms.Select):
    """A drop-down of many options (every estate of a large landlord), written here rather than by Django's
    template for each option, which made a 300-estate filter most of its page's time. The same HTML."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{escape(str(group_name))}">')
            html += [
                f'\n  <option value="{escape(str(option["value"]))}"{" selected" if option["selected"] else ""}>'
                f"{escape(str(option['label']))}</option>"
                for option in options
            ]
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
