"""The tenant-base profile: how many people in the whole tenant base gave each answer to the equality
questions, imported from a CSV file (every row or none) or entered in admin.

The file's first row names its columns, in any order and any case: `characteristic`, `answer`,
`people`. A characteristic and an answer may be written as the report shows them ("Ethnic group",
"Asian or Asian British") or by their codes ("ethnicity", "asian"). The figures in the file replace
those held for the characteristics it names; others are left alone.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from engagement.models import TenantProfileFigure
from engagement.models.equality import Characteristic, answers_to

COLUMNS = [
    ("characteristic", "The equality question, by its name in the report (“Ethnic group”) or its code (“ethnicity”)."),
    ("answer", "One of that question's answers, as the report shows it (“Prefer not to say”) or by its code."),
    ("people", "How many people in the tenant base gave that answer: a whole number, 0 or more."),
]
# Past this many, the rest are counted, not listed.
ERRORS_LISTED = 50


@dataclass
class ProfileImport:
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    figures: int = 0
    characteristics: list[str] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERRORS_LISTED:
            self.errors.append(f"Line {line}: {message}")


def _lookup(choices: list[tuple[str, str]]) -> dict[str, str]:
    names = {}
    for value, label in choices:
        names[value.casefold()] = value
        names[str(label).casefold()] = value
    return names


CHARACTERISTICS = _lookup(Characteristic.choices)


def tenant_profile_import(upload) -> ProfileImport:
    """Check the whole file, then replace the figures it gives, or (with any error) change nothing."""
    result = ProfileImport()
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        result.error(1, "the file is not a CSV file saved as UTF-8")
        return result
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().casefold() for name in next(reader, [])]
    missing = [name for name, _ in COLUMNS if name not in header]
    if missing:
        result.error(
            1,
            f"the first row must name the columns {', '.join(name for name, _ in COLUMNS)} "
            f"(missing: {', '.join(missing)})",
        )
        return result
    position = {name: header.index(name) for name, _ in COLUMNS}
    figures: dict[tuple[str, str], int] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[index].strip() if index < len(row) else "") for name, index in position.items()}
        characteristic = CHARACTERISTICS.get(cells["characteristic"].casefold())
        if characteristic is None:
            result.error(line, f"“{cells['characteristic']}” is not one of the equality questions")
            continue
        answer = _lookup(answers_to(characteristic)).get(cells["answer"].casefold())
        if answer is None:
            label = Characteristic(characteristic).label
            result.error(line, f"“{cells['answer']}” is not one of the answers to “{label}”")
            continue
        try:
            people = int(cells["people"].replace(",", ""))
        except ValueError:
            people = -1
        if people < 0:
            result.error(line, f"people must be a whole number, 0 or more, not “{cells['people']}”")
            continue
        if (characteristic, answer) in figures:
            result.error(line, f"“{cells['answer']}” for “{cells['characteristic']}” is already given above")
            continue
        figures[(characteristic, answer)] = people
    if not figures and not result.error_count:
        result.error(2, "the file has no figures")
    if result.error_count:
        return result
    result.characteristics = sorted({characteristic for characteristic, _ in figures})
    # One save or delete at a time (a few dozen rows), so the audit log records each change and who made it.
    with transaction.atomic():
        for figure in TenantProfileFigure.objects.filter(characteristic__in=result.characteristics):
            if (figure.characteristic, figure.answer) not in figures:
                figure.delete()
        for (characteristic, answer), people in figures.items():
            TenantProfileFigure.objects.update_or_create(
                characteristic=characteristic, answer=answer, defaults={"people": people}
            )
    result.figures = len(figures)
    return result


def tenant_profile() -> dict[str, dict[str, int]]:
    """The figures held: {characteristic: {answer: people}}."""
    profile: dict[str, dict[str, int]] = {}
    for characteristic, answer, people in TenantProfileFigure.objects.values_list("characteristic", "answer", "people"):
        profile.setdefault(characteristic, {})[answer] = people
    return profile
