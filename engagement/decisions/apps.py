from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "engagement.decisions"
    label = "decisions"
    verbose_name = "Decisions (you said, we did)"

    def ready(self):
        from engagement.decisions import message_types  # noqa: F401  (registers the messages)
        from engagement.framework import register_account_link

        register_account_link("What happened to what you said", "decisions:yours")
