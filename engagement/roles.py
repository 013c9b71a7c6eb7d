"""Staff roles are Django groups; permissions belong to groups, never to people.

Each app adds its models' permissions here. The groups are created by a migration and
kept in step with this table after every `migrate` (see signals.py), so a new model's
permissions reach the right roles without anyone editing groups by hand.

Officers never delete a record of what happened or of what a resident asked for: they cancel
events and bookings, close issues, end memberships and terms. Only administrators delete, and
admin's delete page says what goes with the record and what loses its link to it. Officers
keep "delete" only on working lists, where taking a row off is the whole point (who is
invited, the estates on a round, a survey's questions before anyone answers, papers uploaded).
"""

ENGAGEMENT_OFFICER = "Engagement officer"
COMMUNITY_RELATIONS = "Community relations"
ADMINISTRATOR = "Administrator"
# Staff of the independent organisation that runs a resident ballot: they enter votes by post, phone and in person.
BALLOT_BODY = "Independent ballot body"

ROLE_NAMES = (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR, BALLOT_BODY)

_ALL = ("add", "change", "delete", "view")
_KEEP = ("add", "change", "view")  # officers make and change it; only administrators delete it
_VIEW = ("view",)

# app label -> model name -> {role: actions}
ROLE_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "engagement": {
        "ward": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "estate": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "block": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "home": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "tenancy": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "tenancyimport": {ENGAGEMENT_OFFICER: ("add", "view"), ADMINISTRATOR: _ALL},
        "tenancyverificationattempt": {ENGAGEMENT_OFFICER: _VIEW, ADMINISTRATOR: _VIEW},
        # Deciding a claim also needs link_tenancy (below).
        "tenancyclaim": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: ("change", "view"),
        },
        # Never deleted (others' records depend on them): administrators erase them (erase_resident).
        "resident": {
            ENGAGEMENT_OFFICER: ("add", "change", "view"),
            COMMUNITY_RELATIONS: ("add", "change", "view"),
            ADMINISTRATOR: ("add", "change", "view"),
        },
        "officernote": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "consent": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "consentchange": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        # Equality answers are for reporting on reach and diversity, not for casework.
        "equalitymonitoring": {COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        # What the reach report sets the diversity of those involved against (whole-tenant-base counts).
        "tenantprofilefigure": {COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "contactenquiry": {COMMUNITY_RELATIONS: ("change", "view"), ADMINISTRATOR: _ALL},
        # Engagement officers arrange interpreters for their events; community relations the rest.
        "formatrequest": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: _ALL,
        },
        # Replies are a record of what was said: read, never edited.
        "enquiryreply": {COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "interestregistration": {
            ENGAGEMENT_OFFICER: _VIEW,
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: _ALL,
        },
        "accessneed": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "interest": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "user": {ADMINISTRATOR: _ALL},
    },
    "events": {
        **{
            model: {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL}
            for model in (
                "event",
                "venue",
                "booking",
                "walkaboutrequest",
                "issue",
                "issueupdate",
                "workshopsuggestion",
                "workshopsupport",
                "visit",
            )
        },
        **{
            model: {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL}
            for model in ("invitation", "staffinvitation", "roundestate")
        },
        "issuecategory": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: _ALL,
        },
        # A resident's private calendar address is theirs alone.
        "calendarfeed": {ADMINISTRATOR: ("view", "delete")},
    },
    "surveys": {
        "survey": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: ("change", "view"), ADMINISTRATOR: _ALL},
        "section": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: ("change", "view"), ADMINISTRATOR: _ALL},
        "question": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: ("change", "view"), ADMINISTRATOR: _ALL},
        "choice": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: ("change", "view"), ADMINISTRATOR: _ALL},
        "invitation": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        # Coding written answers: a survey's themes, and tagging each answer with them. A theme may be
        # a decision's source: only administrators delete one.
        "theme": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "writtenanswer": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: ("change", "view"),
        },
        # The Tenant Satisfaction Measures: officers set up the survey and enter the year's figures.
        "tsmsurvey": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "managementinformation": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        # Moderation is community relations' job; engagement officers start and answer discussions.
        "topic": {ENGAGEMENT_OFFICER: ("add", "view"), COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "post": {
            ENGAGEMENT_OFFICER: ("add", "view"),
            COMMUNITY_RELATIONS: ("add", "change", "view"),
            ADMINISTRATOR: _ALL,
        },
        "postreport": {COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
    },
    "decisions": {
        "decision": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        # Linking and unlinking sources is the working list; the history is recorded, never edited.
        "decisionsource": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
        "decisionstatuschange": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "closingreport": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "action": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
    },
    "messaging": {
        "message": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "bulksend": {
            ENGAGEMENT_OFFICER: ("add", "view"),
            COMMUNITY_RELATIONS: ("add", "view"),
            ADMINISTRATOR: ("add", "view"),
        },
        # Officers read texts as residents got them (their survey links among them).
        "developmenttext": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "lettertoprint": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "printbatch": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: ("change", "view"),
        },
        "councillor": {COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
        "contacttofix": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
    },
    "auth": {
        "group": {ADMINISTRATOR: _VIEW},
    },
    # The audit trail of changes to residents' data, with old and new values: administrators only.
    "auditlog": {
        "logentry": {ADMINISTRATOR: _VIEW},
    },
    "panels": {
        "panel": {ENGAGEMENT_OFFICER: ("add", "change", "view"), COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "eligibilityrule": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        # Officers decide applications (change) but never alter or delete what a resident wrote.
        "panelapplication": {ENGAGEMENT_OFFICER: ("change", "view"), COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "trainingrecord": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        # Memberships are history: ended, never deleted.
        "membership": {
            ENGAGEMENT_OFFICER: ("add", "change", "view"),
            COMMUNITY_RELATIONS: _VIEW,
            ADMINISTRATOR: ("add", "change", "view"),
        },
        # Only a draft meeting can be deleted (nobody has been told of it): see PanelMeetingAdmin.
        "panelmeeting": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "meetingdocument": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "actionlogitem": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "recommendation": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
    },
    # Engagement officers and community relations run TRAs in admin; committees manage their own on the site.
    "tenants_associations": {
        **{
            model: {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL}
            for model in (
                "tenantsassociation",
                "committeerole",
                "membership",
                "trameeting",
                "startinginterest",
                "supportgiven",
                "tenantfundgrant",
            )
        },
        "tradocument": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
        # Records of what was sent: read, not edited.
        "enquiry": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "notice": {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _VIEW},
        "trasettings": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: ("change", "view"),
        },
        **{
            model: {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL}
            for model in ("resourcecentre", "communityroom", "tenantmanagementorganisation")
        },
        # A centre's opening hours are a working list: a session taken off is the change.
        "openinghours": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
        # Committees book rooms on the site; officers cancel bookings (with a reason), never delete them.
        "roombooking": {
            ENGAGEMENT_OFFICER: ("change", "view"),
            COMMUNITY_RELATIONS: ("change", "view"),
            ADMINISTRATOR: ("change", "view"),
        },
    },
    # Ballots: officers set them up and keep the register; ballot papers are seen by nobody in admin.
    "ballots": {
        "scheme": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL},
        "ballot": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _VIEW, ADMINISTRATOR: _ALL, BALLOT_BODY: _VIEW},
        # Taken off the register with a reason, never deleted.
        "voter": {
            ENGAGEMENT_OFFICER: ("add", "change", "view"),
            COMMUNITY_RELATIONS: _VIEW,
            ADMINISTRATOR: ("add", "change", "view"),
            BALLOT_BODY: _VIEW,
        },
        "housingregisterdate": {ENGAGEMENT_OFFICER: _KEEP, ADMINISTRATOR: _ALL},
        "ballotlogentry": {ENGAGEMENT_OFFICER: _VIEW, ADMINISTRATOR: _VIEW, BALLOT_BODY: _VIEW},
    },
    # Partnerships and social value: community relations run them; engagement officers read them.
    "partnerships": {
        **{
            model: {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL}
            for model in ("partner", "contract", "commitment", "fundedproject", "residentgroup")
        },
        # Working lists inside a partner, a contract or a project: community relations take rows off them.
        **{
            model: {ENGAGEMENT_OFFICER: _VIEW, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL}
            for model in ("partnercontact", "delivery", "partnerfunding")
        },
    },
    # Community projects: officers check, cost and track ideas; a resident's idea is not deleted, only not published.
    "community_projects": {
        "round": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "proposal": {ENGAGEMENT_OFFICER: _KEEP, COMMUNITY_RELATIONS: _KEEP, ADMINISTRATOR: _ALL},
        "projectupdate": {ENGAGEMENT_OFFICER: _ALL, COMMUNITY_RELATIONS: _ALL, ADMINISTRATOR: _ALL},
    },
}

# Permissions that are not a model's add/change/delete/view: (app label, codename) -> roles.
EXTRA_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("engagement", "link_tenancy"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("engagement", "view_reach_report"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("engagement", "erase_resident"): (ADMINISTRATOR,),
    ("panels", "approve_minutes"): (ENGAGEMENT_OFFICER, ADMINISTRATOR),
    ("events", "record_attendance"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("events", "view_attendance_report"): (COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("surveys", "view_survey_results"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("surveys", "send_survey_invitations"): (ENGAGEMENT_OFFICER, ADMINISTRATOR),
    ("surveys", "enter_survey_response"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
    ("ballots", "enter_votes"): (BALLOT_BODY,),
    ("ballots", "export_ballot"): (ENGAGEMENT_OFFICER, ADMINISTRATOR, BALLOT_BODY),
    ("community_projects", "publish_round_results"): (ENGAGEMENT_OFFICER, COMMUNITY_RELATIONS, ADMINISTRATOR),
}


def sync_role_permissions(apps=None) -> None:
    """Create the role groups if missing and give each exactly the permissions in the table."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    wanted: dict[str, set[tuple[str, str]]] = {role: set() for role in ROLE_NAMES}
    for app_label, models in ROLE_PERMISSIONS.items():
        for model_name, roles in models.items():
            for role, actions in roles.items():
                wanted[role].update((app_label, f"{action}_{model_name}") for action in actions)
    for key, roles in EXTRA_PERMISSIONS.items():
        for role in roles:
            wanted[role].add(key)

    for role, keys in wanted.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in keys
        ]
        group.permissions.set(permissions)
