from crispy_forms.utils import render_crispy_form
from django import forms
from django.test import RequestFactory

from engagement.forms.govuk import GovukFormMixin, PlainTextMixin, form_helper


class _Search(PlainTextMixin, forms.Form):
    words = forms.CharField(label="Words", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("words", submit="Search", method="get")


class _Answer(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Your name", widget=forms.TextInput(attrs={"placeholder": "Ann"}))


def _render(form) -> str:
    request = RequestFactory().get("/")
    return render_crispy_form(form, context={"request": request, "csrf_token": "TOKEN"})


def test_a_search_form_leaves_the_form_tag_to_the_page_and_puts_no_token_in_its_address():
    html = _render(_Search())

    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html
    assert 'value="Search"' in html


def test_a_form_shown_field_by_field_gets_a_continue_button_and_no_placeholder():
    html = _render(_Answer())

    assert "<form" not in html
    assert 'value="Continue"' in html
    assert "placeholder" not in html
