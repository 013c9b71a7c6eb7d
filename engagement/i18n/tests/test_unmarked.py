"""No word residents read is left unmarked for translation; and the check itself finds what it should."""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.template import engines
from django.utils.translation import gettext_lazy as _

from engagement.i18n.unmarked import (
    choices_findings,
    fixed,
    project_choices,
    python_findings,
    resident_python_files,
    resident_templates,
    template_findings,
)

BASE = Path(settings.BASE_DIR)


def _texts(source: str, **options) -> list[str]:
    return [finding.text for finding in template_findings(source, **options)]


def test_every_resident_facing_template_is_marked_for_translation():
    unmarked = [
        f"{path.relative_to(BASE)}:{finding.line}: {finding.text}"
        for path in resident_templates(BASE)
        for finding in template_findings(path.read_text(), plain_text=path.suffix == ".txt")
    ]

    assert unmarked == [], "Mark these with {% translate %} (manage.py i18n_unmarked --fix):\n" + "\n".join(unmarked)


def test_admin_templates_are_out_of_scope_and_messages_are_in():
    scope = {str(path.relative_to(BASE)) for path in resident_templates(BASE)}

    assert "templates/base.html" in scope
    assert "engagement/templates/messages/engagement/tenancy_claimed/email.txt" in scope
    assert not any("/templates/admin/" in path or path.startswith("templates/admin/") for path in scope)


SAMPLE = """{% extends "base.html" %}
{% block title %}Book a place{% endblock %}
{% block content %}
  <h1 class="govuk-heading-l">{{ event.title }}</h1>
  <p class="govuk-body">You have booked {{ places }} places for {{ event.starts_at|date:"j F" }}.</p>
  <img src="x.png" alt="A map of the estate">
  <input type="submit" value="Book">
  <a href="{% url 'home' %}">Home</a> &middot; 42 – {{ council_name }}
  <script>const note = "Not shown";</script>
  <style>.x::after { content: "Nor this"; }</style>
  <!-- Nor a comment -->
  {% comment %}Nor this comment{% endcomment %}
  <p>{% translate "Already marked" %} {% blocktranslate trimmed %}And {{ this }}{% endblocktranslate %}</p>
  <p>{{ resident.email|default:"Not given" }}</p>
{% endblock %}
"""


def test_the_check_finds_visible_text_and_ignores_the_rest():
    assert _texts(SAMPLE) == [
        "Book a place",
        'You have booked {{ places }} places for {{ event.starts_at|date:"j F" }}.',
        "A map of the estate",
        "Book",
        "Home",
        "Not given",
    ]


def test_a_deliberately_unmarked_template_fails_and_its_fix_passes_and_reads_the_same():
    unmarked = '{% load static %}<p class="govuk-body">Hello {{ name }}, you don\'t need to do anything.</p>'
    assert _texts(unmarked) == ["Hello {{ name }}, you don't need to do anything."]

    marked = fixed(unmarked)

    assert _texts(marked) == []
    assert marked.startswith("{% load static i18n %}")
    template = engines["django"].from_string(marked)
    assert template.render({"name": "Rita"}) == '<p class="govuk-body">Hello Rita, you don\'t need to do anything.</p>'


def test_a_message_template_is_checked_line_by_line():
    letter = "{% autoescape off %}Dear {{ first_name }},\n\n{{ service_name }}\nCommunity relations{% endautoescape %}"

    assert _texts(letter, plain_text=True) == ["Dear {{ first_name }},", "Community relations"]
    marked = fixed(letter, plain_text=True)
    assert engines["django"].from_string(marked).render({"first_name": "Rita", "service_name": "RV"}) == (
        "Dear Rita,\n\nRV\nCommunity relations"
    )


def test_the_python_check_finds_form_words_and_page_messages():
    source = """
from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [("a", "A walkabout"), ("b", _("A surgery"))]

class F(forms.Form):
    name = forms.CharField(label="Your name", help_text=_("As on your tenancy"))

    def clean(self):
        raise forms.ValidationError(f"Too late for {self.event}")

def view(request):
    messages.success(request, _("Saved"))
    messages.error(request, "Not saved")
"""
    assert [text for _line, text in python_findings(source)] == [
        '"A walkabout"',
        '"Your name"',
        'f"Too late for {self.event}"',
        '"Not saved"',
    ]


def test_the_python_check_covers_forms_and_views_not_admin():
    scope = {str(path.relative_to(BASE)) for path in resident_python_files(BASE)}

    assert "engagement/forms/account.py" in scope
    assert "events/forms.py" in scope
    assert not any("/admin/" in path for path in scope)


def test_every_resident_facing_python_string_is_marked_for_translation():
    unmarked = [
        f"{path.relative_to(BASE)}:{line}: {text}"
        for path in resident_python_files(BASE)
        for line, text in python_findings(path.read_text())
    ]

    assert unmarked == [], "Mark these with _() (gettext_lazy):\n" + "\n".join(unmarked)


def test_every_choice_label_is_marked_for_translation():
    unmarked = [f"{where}: {label}" for where, label in choices_findings(project_choices(BASE))]

    assert unmarked == [], 'Mark these choices\' labels with _("…") (gettext_lazy):\n' + "\n".join(unmarked)


def test_the_choices_check_covers_every_app_and_nested_choices():
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in project_choices(BASE)}

    assert {
        "events.models.events.Event.Kind",
        "engagement.models.equality.AgeBand",
        "engagement.messaging.audience.ContactDetails",
        "surveys.models.responses.ResponseChannel",
        "tenants_associations.models.meetings.TRAMeeting.Kind",
    } <= names
    assert len(names) >= 78
    assert not any(".tests." in name or name.startswith("django.") for name in names)


def test_the_choices_check_finds_plain_and_made_up_labels():
    class Sample(models.TextChoices):
        MARKED = "marked", _("A walkabout")
        PLAIN = "plain", "A surgery"
        NO_LABEL = "no_label"

    class Numbers(models.IntegerChoices):
        ONE = 1, _("One")
        TWO = 2, "Two"

    assert [label for _where, label in choices_findings([Sample, Numbers])] == ["A surgery", "No Label", "Two"]
