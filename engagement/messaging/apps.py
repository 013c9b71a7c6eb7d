from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MessagingConfig(AppConfig):
    name = "engagement.messaging"
    label = "messaging"
    verbose_name = "Messages"

    def ready(self):
        from engagement.messaging import (
            checks,  # noqa: F401  (registers the system checks)
            history,
        )
        from engagement.messaging.data_download import messages_sent
        from engagement.plugins import register_history, register_section

        register_section("Messages we sent you", messages_sent)
        register_history("messages", "Messages", history.messages, permission="messaging.view_message")

        # Each app declares the messages it sends in its own message_types.py.
        autodiscover_modules("message_types")
