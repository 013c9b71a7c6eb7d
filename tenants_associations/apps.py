from django.apps import AppConfig


class TenantsAssociationsConfig(AppConfig):
    name = "tenants_associations"
    verbose_name = "Tenants and Residents Associations"

    def ready(self):
        from engagement.services.data_download import register_section
        from engagement.services.erasure import register_eraser
        from engagement.services.involvement import register_involvement
        from engagement.services.resident_history import register_history
        from tenants_associations import (
            history,
            involvement,
            signals,  # noqa: F401  (connects the receiver)
        )
        from tenants_associations.data_download import SECTIONS
        from tenants_associations.erasure import tras_erase

        for name, build in SECTIONS.items():
            register_section(name, build)
        register_eraser(tras_erase)
        register_involvement("tra", "TRA members", involvement.member)
        register_history(
            "tra", "TRA membership", history.memberships, permission="tenants_associations.view_membership"
        )
