from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = "Panels, boards and forums"

    def ready(self):
        from engagement.plugins import (
            register_account_link,
            register_eraser,
            register_history,
            register_involvement,
            register_section,
        )
        from panels import data_download, history, involvement
        from panels.erasure import panels_erase

        register_account_link(_("Your panels and applications"), "panels:yours")
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
