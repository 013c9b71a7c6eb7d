from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from engagement.models import TenancyImport
from engagement.services.tenancy_import import tenancy_import_run
from engagement.tenancy_csv import COLUMNS

_COLUMN_HELP = "\n".join(f"  {name:<18} {description}" for name, description in COLUMNS)


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Keeps the column list in the help laid out as written."""


class Command(BaseCommand):
    help = (
        "Import a tenancy list exported from the housing system as CSV (UTF-8).\n"
        "Every row is checked; if any has an error, nothing is imported and the errors are\n"
        "listed with their line numbers (the header is line 1). Tenancies are matched by\n"
        "reference: new ones are added, changed ones updated, others left alone. Wards,\n"
        "estates, blocks and homes named in the file are created if missing.\n\n"
        "The first row names these columns, in any order and any case:\n" + _COLUMN_HELP
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=_HelpFormatter, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and say what would change, but import nothing"
        )

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            binary = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from None
        with binary:
            record = tenancy_import_run(binary, apply=not dry_run)

        if record.status == TenancyImport.Status.REJECTED:
            for error in record.errors:
                self.stderr.write(error)
            if record.errors_not_listed:
                self.stderr.write(f"and {record.errors_not_listed:,} more")
            plural = "" if record.error_count == 1 else "s"
            raise CommandError(f"Nothing was imported: the file has {record.error_count:,} error{plural}.")
        if dry_run:
            self.stdout.write(f"Checked, nothing imported. Importing would make these changes: {record.summary()}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported. {record.summary()}"))
