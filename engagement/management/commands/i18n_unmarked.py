"""List the words residents see that are not marked for translation (templates, forms and views,
models' choices); --fix marks template text.

The same check runs in the tests (engagement/i18n/tests/test_unmarked.py); this is for finding
and fixing what it reports. The marking is mechanical: read the result before committing it.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engagement.i18n.unmarked import (
    choices_findings,
    fixed,
    project_choices,
    python_findings,
    resident_python_files,
    resident_templates,
    template_findings,
)


class Command(BaseCommand):
    help = "List (or, with --fix, mark) resident-facing words not marked for translation."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Mark template text mechanically where it can.")

    def handle(self, *args, fix=False, **options):
        base = Path(settings.BASE_DIR)
        count = 0
        for path in resident_templates(base):
            source = path.read_text()
            plain_text = path.suffix == ".txt"
            if fix:
                marked = fixed(source, plain_text=plain_text)
                if marked != source:
                    path.write_text(marked)
                    source = marked
            for finding in template_findings(source, plain_text=plain_text):
                count += 1
                self.stdout.write(f"{path.relative_to(base)}:{finding.line}: {finding.text}")
        for path in resident_python_files(base):
            for line, text in python_findings(path.read_text()):
                count += 1
                self.stdout.write(f"{path.relative_to(base)}:{line}: {text}")
        for where, label in choices_findings(project_choices(base)):
            count += 1
            self.stdout.write(f"{where}: choice label {label!r}")
        if count:
            raise CommandError(f"{count} not marked for translation")
        self.stdout.write("Every resident-facing string is marked for translation.")
