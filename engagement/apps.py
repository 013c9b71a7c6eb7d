from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Residents and homes"

    def ready(self):
        from engagement import signals  # noqa: F401  (connects receivers)
        from engagement.audit import register_audited_models

        register_audited_models()
