from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "engagement.decisions"
    label = "decisions"
    verbose_name = "Decisions (you said, we did)"

    def ready(self):
        from engagement.decisions import message_types  # noqa: F401  (registers the messages)
