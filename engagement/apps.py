from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Residents and homes"

    def ready(self):
        from engagement import signals  # noqa: F401  (connects receivers)
        from engagement.audit import register_audited_models

        register_audited_models()

        from engagement import history
        from engagement.services.resident_history import register_history

        register_history(
            "consent", "Consent changes", history.consent_changes, permission="engagement.view_consentchange"
        )
        register_history("notes", "Officer notes", history.officer_notes, permission="engagement.view_officernote")
        register_history(
            "format_requests",
            "Requests for another format",
            history.format_requests,
            permission="engagement.view_formatrequest",
        )
