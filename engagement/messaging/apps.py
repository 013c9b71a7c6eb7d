from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MessagingConfig(AppConfig):
    name = "engagement.messaging"
    label = "messaging"
    verbose_name = "Messages"

    def ready(self):
        from engagement.messaging import checks  # noqa: F401  (registers the system checks)

        # Each app declares the messages it sends in its own message_types.py.
        autodiscover_modules("message_types")
