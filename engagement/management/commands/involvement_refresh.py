from django.core.management.base import BaseCommand

from engagement.services.involvement import involvement_refresh


class Command(BaseCommand):
    help = "Work out the reach report's record of who took part, from every app's tables (once after upgrading)."

    def handle(self, *args, **options):
        self.stdout.write(f"{involvement_refresh():,} residents have taken part at some time.")
