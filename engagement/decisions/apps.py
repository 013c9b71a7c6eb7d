from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "engagement.decisions"
    label = "decisions"
    verbose_name = "Decisions (you said, we did)"

    def ready(self):
        from engagement.decisions import (
            data_download,
            digest,
            message_types,  # noqa: F401  (registers the messages)
        )
        from engagement.decisions.erasure import decisions_erase
        from engagement.framework import register_account_link
        from engagement.messaging.services.digests import register_digest_section
        from engagement.services.data_download import register_section
        from engagement.services.erasure import register_eraser

        register_account_link(_("What happened to what you said"), "decisions:yours")
        register_digest_section("Consultations open", digest.consultations_open)
        register_digest_section("Decisions published or changed", digest.decisions_published_or_changed)
        register_section("Decisions from what you told us", data_download.decisions_from_what_you_said)
        register_eraser(decisions_erase)
