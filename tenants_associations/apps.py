from django.apps import AppConfig


class TenantsAssociationsConfig(AppConfig):
    name = "tenants_associations"
    verbose_name = "Tenants and Residents Associations"

    def ready(self):
        from engagement.plugins import register_eraser, register_history, register_involvement, register_section
        from events.services.events import event_followers_register
        from tenants_associations import history, involvement
        from tenants_associations.data_download import SECTIONS
        from tenants_associations.erasure import tras_erase
        from tenants_associations.services.meetings import agm_date_follow
        from tenants_associations.services.rooms import room_booking_follow

        for name, build in SECTIONS.items():
            register_section(name, build)
        register_eraser(tras_erase)
        event_followers_register(agm_date_follow)
        event_followers_register(room_booking_follow)
        register_involvement("tra", "TRA members", involvement.member)
        register_history(
            "tra", "TRA membership", history.memberships, permission="tenants_associations.view_membership"
        )
