from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "engagement.ballots"
    label = "ballots"
    verbose_name = "Estate regeneration ballots"

    def ready(self):
        from engagement.ballots import message_types  # noqa: F401  (registers the letter with the code)
