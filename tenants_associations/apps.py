from django.apps import AppConfig


class TenantsAssociationsConfig(AppConfig):
    name = "tenants_associations"
    verbose_name = "Tenants and Residents Associations"

    def ready(self):
        from engagement.plugins import register_eraser, register_history, register_involvement, register_section
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
