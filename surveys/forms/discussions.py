from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from engagement.forms.govuk import GovukFormMixin

POST_MAX_LENGTH = 2000


class ReplyForm(GovukFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=POST_MAX_LENGTH,
        help_text=_(
            "Plain text. Keep to the house rules. Do not include personal details such as your address or phone number."
        ),
        error_messages={
            "required": _("Enter your reply"),
            "max_length": format_lazy(
                _("Your reply must be {POST_MAX_LENGTH} characters or fewer"), POST_MAX_LENGTH=POST_MAX_LENGTH
            ),
        },
        widget=forms.Textarea,
    )
    submit_label = "Post reply"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("body", rows=6, max_characters=POST_MAX_LENGTH), Submit("submit", self.submit_label)
        )
        self.helper.inputs = []


class TopicForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("A short question or subject, for example “Bin stores on Crossfields”."),
        error_messages={"required": _("Enter a title"), "max_length": _("The title must be 150 characters or fewer")},
    )
    body = forms.CharField(
        label=_("What would you like to discuss?"),
        max_length=POST_MAX_LENGTH,
        help_text=_("Plain text. A moderator checks new discussions before they appear."),
        error_messages={
            "required": _("Say what you would like to discuss"),
            "max_length": format_lazy(
                _("This must be {POST_MAX_LENGTH} characters or fewer"), POST_MAX_LENGTH=POST_MAX_LENGTH
            ),
        },
        widget=forms.Textarea,
    )
    submit_label = "Send for checking"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("body", rows=8, max_characters=POST_MAX_LENGTH),
            Submit("submit", self.submit_label),
        )
        self.helper.inputs = []


class ReportForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this post?"),
        max_length=1000,
        help_text=_("For example, which house rule it breaks."),
        error_messages={
            "required": _("Say why you are reporting this post"),
            "max_length": _("This must be 1000 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    submit_label = "Report post"
