""" "Download my data": everything we hold about a resident, as JSON or CSV.

Each app adds its own section (bookings, applications, survey answers) with
`register_section` in its AppConfig.ready(), so the download grows with the portal.
Officer-only notes and flags are left out: residents get those through a subject
access request, where an officer can check them for other people's information.
"""

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime

from engagement.exports import spreadsheet_safe
from engagement.models import Consent, ConsentChange, EqualityMonitoring, Resident

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


register_section("About you", _about_you)
register_section("Access needs", _access_needs)
register_section("Interests", _interests)
register_section("Contact consent", _contact_consent)
register_section("Contact consent history", _consent_history)
register_section("Equality monitoring", _equality_monitoring)
register_section("Messages to community relations", _enquiries)


def resident_data(resident: Resident) -> dict[str, list[dict]]:
    resident = Resident.objects.with_home().get(pk=resident.pk)
    return {name: build(resident) for name, build in _sections.items()}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def resident_data_json(resident: Resident) -> str:
    return json.dumps(resident_data(resident), default=_plain, indent=2, ensure_ascii=False)


def resident_data_csv(resident: Resident) -> str:
    """One row per fact: section, item number, field, value — readable in any spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "field", "value"])
    for section, rows in resident_data(resident).items():
        for number, row in enumerate(rows, start=1):
            for field, value in row.items():
                writer.writerow([section, number, field, spreadsheet_safe(_plain(value))])
    return out.getvalue()
