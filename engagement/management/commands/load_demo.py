from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from engagement.services.involvement import involvement_refresh


class Command(BaseCommand):
    help = "Load demo data, dated from today (safe to run again: it changes nothing the second time)."

    def handle(self, *args, **options):
        loaded = []
        for app in apps.get_app_configs():
            try:
                demo = import_module(f"{app.name}.demo")
            except ModuleNotFoundError as missing:
                if missing.name != f"{app.name}.demo":
                    raise
                continue
            loaded.append(demo)
            for line in demo.load():
                self.stdout.write(line)
        # The demo's bookings, memberships and responses are made directly, not through the services.
        involvement_refresh()
        # Totals once every app has added its part (other apps' meetings are events too).
        for demo in loaded:
            for line in getattr(demo, "summary", list)():
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
