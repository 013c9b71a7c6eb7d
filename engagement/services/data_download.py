""" "Download my data": everything we hold about a resident, in one zip of JSON, CSV and files.

Each app adds its own section (bookings, applications, survey answers) with
`register_section` in its AppConfig.ready(), so the download grows with the portal. A
section's value that is an uploaded file (a FieldFile, such as an issue's photo) is put
in the zip's files/ folder, and the data names it there.
Officer-only notes and flags are left out: residents get those through a subject
access request, where an officer can check them for other people's information.
"""

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify

from engagement.exports import spreadsheet_safe
from engagement.models import Consent, ConsentChange, EqualityMonitoring, Resident, TenancyVerificationAttempt

Section = Callable[[Resident], list[dict]]
_sections: dict[str, Section] = {}


def register_section(name: str, build: Section) -> None:
    _sections[name] = build


def _about_you(resident: Resident) -> list[dict]:
    home = resident.home
    return [
        {
            "first_name": resident.first_name,
            "last_name": resident.last_name,
            "email": resident.email,
            "mobile": resident.mobile,
            "preferred_language": resident.preferred_language,
            "date_of_birth": resident.date_of_birth,
            "postal_address": ", ".join(home.address_lines) if home else "",
            "tenancy_reference": resident.tenancy.reference if resident.tenancy_id else "",
            "tenure_type": resident.tenancy.get_tenure_type_display() if resident.tenancy_id else "",
            "tenancy_verified_at": resident.tenancy_verified_at,
            "account_created_at": resident.created_at,
        }
    ]


def _access_needs(resident: Resident) -> list[dict]:
    rows = [{"access_need": need.label} for need in resident.access_needs.all()]
    if resident.interpreter_language:
        rows.append({"access_need": f"Interpreter: {resident.interpreter_language}"})
    if resident.access_needs_other:
        rows.append({"access_need": resident.access_needs_other})
    return rows


def _interests(resident: Resident) -> list[dict]:
    return [{"interest": interest.label} for interest in resident.interests.all()]


def _contact_consent(resident: Resident) -> list[dict]:
    return [
        {
            "channel": consent.get_channel_display(),
            "purpose": consent.get_purpose_display(),
            "given": consent.given,
            "since": consent.changed_at,
            "how": consent.get_source_display(),
        }
        for consent in Consent.objects.filter(resident=resident).order_by("channel", "purpose")
    ]


def _consent_history(resident: Resident) -> list[dict]:
    return [
        {
            "channel": change.get_channel_display(),
            "purpose": change.get_purpose_display(),
            "given": change.given,
            "when": change.changed_at,
            "how": change.get_source_display(),
        }
        for change in ConsentChange.objects.filter(resident=resident)
    ]


def _equality_monitoring(resident: Resident) -> list[dict]:
    answers = EqualityMonitoring.objects.filter(resident=resident).first()
    if answers is None:
        return []
    return [
        {
            str(field.verbose_name): getattr(answers, f"get_{field.name}_display")()
            for field in EqualityMonitoring._meta.get_fields()
            if getattr(field, "choices", None)
        }
    ]


def _enquiries(resident: Resident) -> list[dict]:
    return [
        {"received_at": enquiry.received_at, "message": enquiry.message, "status": enquiry.get_status_display()}
        for enquiry in resident.enquiries.all()
    ]


def _format_requests(resident: Resident) -> list[dict]:
    return [
        {
            "received_at": asked.received_at,
            "about": asked.about,
            "format": str(asked.format_text),
            "anything_else": asked.details,
            "status": asked.get_status_display(),
            "due_by": asked.due_by,
        }
        for asked in resident.format_requests.order_by("received_at")
    ]


def _get_involved_forms(resident: Resident) -> list[dict]:
    return [
        {
            "sent_at": form.received_at,
            "name_given": form.name,
            "email_given": form.email,
            "mobile_given": form.mobile,
            "interests": "; ".join(interest.label for interest in form.interests.all()),
            "emails_about_getting_involved": form.consent_email,
            "texts_about_getting_involved": form.consent_text,
            "added_to_your_account_at": form.merged_at,
        }
        for form in resident.interest_registrations.prefetch_related("interests").order_by("received_at")
    ]


def _tenancy_checks(resident: Resident) -> list[dict]:
    if resident.user_id is None:
        return []
    return [
        {
            "when": attempt.attempted_at,
            "tenancy_reference_given": attempt.reference_tried,
            "postcode_given": attempt.postcode_tried,
            "matched": attempt.succeeded,
        }
        for attempt in TenancyVerificationAttempt.objects.filter(user_id=resident.user_id).order_by("attempted_at")
    ]


register_section("About you", _about_you)
register_section("Access needs", _access_needs)
register_section("Interests", _interests)
register_section("Contact consent", _contact_consent)
register_section("Contact consent history", _consent_history)
register_section("Equality monitoring", _equality_monitoring)
register_section("Messages to community relations", _enquiries)
register_section("Requests for another language or format", _format_requests)
register_section("Get involved forms", _get_involved_forms)
register_section("Tenancy checks", _tenancy_checks)


def resident_data(resident: Resident) -> dict[str, list[dict]]:
    resident = Resident.objects.with_home().get(pk=resident.pk)
    return {name: build(resident) for name, build in _sections.items()}


@dataclass
class _Download:
    """The resident's data with each uploaded file given its place in the zip."""

    data: dict[str, list[dict]]
    files: dict[str, FieldFile]


def _with_files(data: dict[str, list[dict]]) -> _Download:
    files: dict[str, FieldFile] = {}
    for section, rows in data.items():
        for number, row in enumerate(rows, start=1):
            for field, value in row.items():
                if isinstance(value, FieldFile):
                    if not value:
                        row[field] = ""
                        continue
                    name = f"files/{slugify(section)}/{number}-{slugify(field)}{PurePosixPath(value.name).suffix}"
                    files[name] = value
                    row[field] = name
    return _Download(data, files)


def _for_json(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Promise):  # a choice's label, marked for translation
        return str(value)
    return value


def _for_csv(value) -> str:
    """As a spreadsheet shows it best: local time to the second, yes/no, and never a formula."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return ""
    return spreadsheet_safe(str(value) if not isinstance(value, str) else value)


def _json(data: dict[str, list[dict]]) -> str:
    return json.dumps(data, default=_for_json, indent=2, ensure_ascii=False)


def _csv(data: dict[str, list[dict]]) -> str:
    """One row per fact: section, item number, field, value. With a byte-order mark, so Excel reads UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["section", "item", "field", "value"])
    for section, rows in data.items():
        for number, row in enumerate(rows, start=1):
            for field, value in row.items():
                writer.writerow([section, number, field, _for_csv(value)])
    return out.getvalue()


def resident_data_zip(resident: Resident):
    """Everything we hold about the resident as one zip: my-data.json, my-data.csv (the same facts) and
    files/ (photos and documents they sent us). Returns an open temporary file, at its start."""
    download = _with_files(resident_data(resident))
    archive_file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("my-data.json", _json(download.data))
        archive.writestr("my-data.csv", _csv(download.data).encode("utf-8"))
        for name, stored in download.files.items():
            try:
                with stored.storage.open(stored.name, "rb") as source, archive.open(name, "w") as target:
                    shutil.copyfileobj(source, target)
            except FileNotFoundError:
                archive.writestr(f"{name}.missing.txt", "This file is listed in our records but is no longer held.")
    archive_file.seek(0)
    return archive_file
