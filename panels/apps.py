from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = "Panels, boards and forums"

    def ready(self):
        from engagement.framework import register_account_link
        from engagement.services.data_download import register_section
        from engagement.services.erasure import register_eraser
        from engagement.services.involvement import register_involvement
        from engagement.services.resident_history import register_history
        from panels import data_download, history, involvement
        from panels.erasure import panels_erase

        register_account_link("Your panels and applications", "panels:yours")
        register_section("Panel applications", data_download.applications)
        register_section("Panel memberships", data_download.memberships)
        register_eraser(panels_erase)
        register_involvement("panels", "Panels and forums", involvement.applied_or_member)
        register_history(
            "panel_applications", "Panel applications", history.applications, permission="panels.view_panelapplication"
        )
        register_history(
            "panel_memberships", "Panel memberships", history.memberships, permission="panels.view_membership"
        )
