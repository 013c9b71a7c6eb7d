"""The ballot paper residents fill in online, and the one the independent body's staff fill in for them."""

from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.ballots.models import Ballot, Voter
from engagement.forms.govuk import PlainTextMixin, form_helper


class VoteForm(PlainTextMixin, forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        help_text=_("It is 12 letters and numbers, for example ABCD EFGH 2346. It is in the letter we sent you."),
        max_length=30,
        error_messages={"required": _("Enter the voting code from your letter")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=Ballot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes or no")},
    )

    def __init__(self, *args, question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if question:
            self.fields["choice"].label = question
        self.helper = form_helper(
            Field.text("code", field_width=Fixed.TWENTY, label_size=Size.SMALL),
            Field.radios("choice", legend_size=Size.MEDIUM, inline=True),
            submit="Cast your vote",
        )


class EnteredVoteForm(VoteForm):
    """Staff enter a vote that came by post, by phone or in person, with the voter's code."""

    method = forms.ChoiceField(
        label=_("How the vote came in"),
        choices=[(value, label) for value, label in Voter.Method.choices if value != Voter.Method.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the vote came in")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("The voter's code")
        self.fields["code"].help_text = _("From the returned ballot paper, or read out by the voter.")
        self.helper.layout = Layout(
            Field.radios("method", legend_size=Size.SMALL),
            Field.text("code", field_width=Fluid.ONE_THIRD, label_size=Size.SMALL),
            Field.radios("choice", legend_size=Size.SMALL, inline=True),
            Submit("submit", _("Record the vote")),
        )


class VoterReasonForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why they may not vote"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The independent scrutineer reads this."),
        error_messages={"required": _("Say why they may not vote")},
    )
