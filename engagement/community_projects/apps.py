from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityProjectsConfig(AppConfig):
    name = "engagement.community_projects"
    label = "community_projects"
    verbose_name = "Community projects (the yearly priorities consultation)"

    def ready(self):
        from engagement.community_projects.personal_data import (
            chose,
            community_projects_erase,
            proposals_and_choices,
            proposed,
        )
        from engagement.plugins import register_account_link, register_eraser, register_involvement, register_section

        register_account_link(_("Your community project ideas"), "community_projects:yours")
        register_section("Community projects", proposals_and_choices)
        register_eraser(community_projects_erase)
        register_involvement("community_project_proposed", "Proposed a community project", proposed)
        register_involvement("community_projects_chosen", "Chose which community projects to fund", chose)
