"""Content versions for every table that asks for one (engagement/versions.py), in place of the reach
report's single version number (0015): the reach report now asks for the versions of its own tables."""

from importlib import import_module

from django.db import migrations

from engagement.versions import CREATE, DROP, TrackVersions, on_postgresql

reach_version = import_module("engagement.migrations.0015_reach_version")

REACH_TABLES = [
    "engagement_ward",
    "engagement_estate",
    "engagement_block",
    "engagement_home",
    "engagement_tenancy",
    "engagement_resident",
    "engagement_residentinvolvement",
    "engagement_equalitymonitoring",
    "engagement_tenantprofilefigure",
]


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0015_reach_version"),
    ]

    operations = [
        on_postgresql(reach_version.DROP, reach_version.CREATE),
        on_postgresql(CREATE, DROP),
        TrackVersions(*REACH_TABLES),
    ]
