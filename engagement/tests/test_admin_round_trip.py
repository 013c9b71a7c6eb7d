"""Saving any record unchanged in admin never fails and never changes it.

For every registered admin, an administrator opens the change form on demo records and presses
Save without touching anything, through the real admin view with what the browser would send
(`read_form`): the save goes through, the record and everything hanging off it are exactly as
they were, nothing is sent to anyone, and every picker that has something to offer offers it.
"""

import io

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import AutocompleteMixin, RelatedFieldWidgetWrapper
from django.core import serializers
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.audience import Audience
from engagement.messaging.models import Message
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.services.letters import print_batch_create
from engagement.models import Interest, Resident, TenancyVerificationAttempt, User
from engagement.services.enquiries import enquiry_submit, interest_register
from engagement.services.residents import tenancy_claim_create
from engagement.services.tenancy_import import tenancy_import_run
from engagement.tenancy_csv import COLUMN_NAMES
from engagement.tests.admin_forms import read_form
from events.models import Issue, IssueCategory
from events.services.issues import issue_raise
from surveys.models import Survey
from surveys.services.invitations import survey_invite
from tenants_associations.models import Membership, TenantsAssociation, TRASettings
from tenants_associations.services.committee import notice_send
from tenants_associations.services.contact import enquiry_send

pytestmark = pytest.mark.django_db

# Records of each admin tried: one for each mix of their choice fields' values (kind, status,
# role...), so a staff member's panel seat is tried as well as a resident's, up to this many.
RECORDS_PER_ADMIN = 6


def test_every_admin_saves_demo_records_unchanged_and_offers_every_choice(client, django_capture_on_commit_callbacks):
    call_command("load_demo", stdout=io.StringIO())
    _records_the_demo_does_not_make(django_capture_on_commit_callbacks)
    administrator = User.objects.get(email="admin@example.gov.uk")
    client.force_login(administrator)
    request = RequestFactory().get("/admin/")
    request.user = administrator

    problems, tried = [], 0
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        records = _records_to_try(model_admin.get_queryset(request))
        if not records:
            problems.append(f"{model._meta.label}: no record to open (add one to the demo, or below)")
        for record in records:
            problems += _round_trip(client, request, model_admin, record)
            tried += 1

    assert not problems, f"{len(problems)} problem(s) in {tried} round trips:\n" + "\n".join(problems)


def _round_trip(client, request, model_admin, record) -> list[str]:
    opts = model_admin.model._meta
    name = f"{opts.label} {record.pk} ({record})"
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(record.pk)])
    before, messages_before = _snapshot(record), Message.objects.count()

    page = client.get(url)
    if not model_admin.has_view_permission(request, record):
        return [] if page.status_code == 403 else [f"{name}: not the administrator's to see, yet it answered"]
    if page.status_code != 200:
        return [f"{name}: the change page answered {page.status_code}"]
    if "adminform" not in page.context:
        return []  # a page of its own rather than a form (a bulk send's progress): nothing to save
    html = page.content.decode()
    form = read_form(html, f"{opts.model_name}_form")
    problems = [f"{name}: {problem}" for problem in _pickers_without_options(page.context, form)]

    saved = client.post(url, form.post_data(submit="_save"))
    if model_admin.has_change_permission(request, record):
        if saved.status_code != 302:
            errors = saved.context and (
                saved.context["adminform"].form.errors.as_data()
                if "adminform" in saved.context
                else saved.context.get("errors")
            )
            problems.append(f"{name}: saved unchanged, it answered {saved.status_code}: {errors!r}")
    elif saved.status_code != 403:
        problems.append(f"{name}: view only, yet posting it answered {saved.status_code}")

    after = _snapshot(type(record)._base_manager.get(pk=record.pk))
    for label, (was, now) in _differences(before, after).items():
        problems.append(f"{name}: saved unchanged, {label} changed from {was!r} to {now!r}")
    if Message.objects.count() != messages_before:
        problems.append(f"{name}: saved unchanged, {Message.objects.count() - messages_before} message(s) recorded")
    return problems


def _records_to_try(queryset) -> list:
    """One record for each mix of the model's choice-field values, first by id, up to RECORDS_PER_ADMIN."""
    choice_fields = [
        field.attname
        for field in queryset.model._meta.concrete_fields
        if field.choices and not isinstance(field, models.BooleanField)
    ]
    seen, records = set(), []
    for record in queryset.order_by("pk"):
        mix = tuple(getattr(record, attname) for attname in choice_fields)
        if mix not in seen:
            seen.add(mix)
            records.append(record)
        if len(records) == RECORDS_PER_ADMIN:
            break
    return records


def _pickers_without_options(context, page_form) -> list[str]:
    """Choice fields with something to offer (a choice, or a row to pick) whose rendered widget offers nothing."""
    forms_shown = [context["adminform"].form] + [
        form for inline in context.get("inline_admin_formsets", []) for form in inline.formset.forms
    ]
    problems = []
    for form in forms_shown:
        for field_name, field in form.fields.items():
            widget = field.widget.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field.widget
            if not isinstance(field, forms.ChoiceField) or field.disabled or widget.is_hidden:
                continue
            if isinstance(widget, AutocompleteMixin):
                continue  # filled in by searching as the officer types
            if isinstance(field, forms.ModelChoiceField):
                offers = field.queryset.exists()
            else:
                offers = any(value not in ("", None) for value, _ in field.choices)
            shown = [value for value in page_form.options.get(form.add_prefix(field_name), []) if value != ""]
            if offers and not shown:
                problems.append(f"the “{field.label or field_name}” picker ({form.add_prefix(field_name)}) is empty")
    return problems


def _snapshot(record) -> dict[str, dict]:
    """The record and every row it points to or that points to it, serialised, keyed by model and id.

    Fields set on every save (auto_now: "updated at") are left out: they record the save itself.
    """
    rows = [record]
    for field in record._meta.concrete_fields:
        if field.is_relation and getattr(record, field.attname) is not None:
            rows.append(getattr(record, field.name))
    for relation in record._meta.related_objects:
        related = relation.related_model._base_manager.filter(**{relation.field.name: record.pk})
        rows.extend(related.order_by("pk"))
    snapshot = {}
    for row in serializers.serialize("python", rows):
        skipped = {
            field.name
            for field in type(record)._meta.apps.get_model(row["model"])._meta.concrete_fields
            if getattr(field, "auto_now", False)
        }
        fields = {key: value for key, value in row["fields"].items() if key not in skipped}
        snapshot[f"{row['model']} {row['pk']}"] = fields
    return snapshot


def _differences(before: dict, after: dict) -> dict[str, tuple]:
    differences = {}
    for key in before.keys() | after.keys():
        was, now = before.get(key), after.get(key)
        if was is None or now is None:
            differences[key] = ("(absent)" if was is None else "(there)", "(absent)" if now is None else "(there)")
            continue
        for field_name in was.keys() | now.keys():
            if was.get(field_name) != now.get(field_name):
                differences[f"{key}.{field_name}"] = (was.get(field_name), now.get(field_name))
    return differences


def _records_the_demo_does_not_make(on_commit) -> None:
    """What residents and officers make by using the portal, made here the way they make it."""
    with on_commit(execute=True):  # messages go once their records are committed
        _messages_sent_and_records_kept()
    print_batch_create(officer=User.objects.get(email="officer@example.gov.uk"))


def _messages_sent_and_records_kept() -> None:
    officer = User.objects.get(email="officer@example.gov.uk")
    resident = Resident.objects.filter(user__isnull=False, tenancy__isnull=False).order_by("pk").first()
    estate = resident.tenancy.home.block.estate
    enquiry_submit(name=resident.full_name, email=resident.email, message="Who do I ask about my bins?")
    interest_register(
        name="Sam Example",
        email="sam@example.com",
        mobile="",
        estate=estate,
        interests=Interest.objects.all()[:2],
        consent_email=True,
        consent_text=False,
    )
    upload = io.BytesIO((",".join(COLUMN_NAMES) + "\n").encode())
    upload.name = "tenancies.csv"
    tenancy_import_run(upload, apply=False, uploaded_by=officer)
    TenancyVerificationAttempt.objects.create(
        user=resident.user, reference_tried="TEN-999999", postcode_tried="SE8 1AA", succeeded=False
    )
    claimant = Resident.objects.filter(user__isnull=False).exclude(pk=resident.pk).order_by("pk").first()
    tenancy_claim_create(claimant, resident.tenancy, holders=[resident])
    if not Issue.objects.exists():
        issue_raise(
            category=IssueCategory.objects.first(),
            location="Stairwell B",
            description="The light is out.",
            estate=estate,
            raised_by=resident,
        )
    bulk_send_create(
        audience=Audience(estates=[estate.pk], letter_fallback=True),
        template="engagement.invitation",
        description="Bin collection change",
        personalisation={"subject": "Bins", "body": "Bins go out on Tuesdays now.", "link": ""},
        officer=officer,
    )
    survey = Survey.objects.filter(closes_at__gt=timezone.now()).order_by("pk").first()
    survey_invite(survey=survey, sent_by=officer)
    tra = TenantsAssociation.objects.order_by("pk").first()
    enquiry_send(tra=tra, name="Sam Example", email="sam@example.com", message="When is the next meeting?")
    secretary = Membership.objects.filter(tra=tra, status=Membership.Status.MEMBER).first().resident
    notice_send(tra=tra, subject="Meeting", body="Thursday at 7pm.", sent_by=secretary)
    TRASettings.current()
    # A channel refusing an address for good marks it, and the resident's contact details need fixing.
    Resident.objects.filter(pk=resident.pk).update(email_undeliverable=True)
