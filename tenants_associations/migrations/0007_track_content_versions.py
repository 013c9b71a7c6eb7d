"""Content versions (engagement/versions.py) for the tables the TRA directory and TRAs' pages read, so those
pages keep what they work out until one of them changes."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0016_content_versions"),
        ("tenants_associations", "0006_resource_centres_and_tmos"),
    ]

    operations = [
        TrackVersions(
            "tenants_associations_tenantsassociation",
            "tenants_associations_tenantsassociation_estates",
            "tenants_associations_tenantsassociation_blocks",
            "tenants_associations_committeerole",
            "tenants_associations_trameeting",
            "tenants_associations_tradocument",
            "tenants_associations_tenantmanagementorganisation",
            "tenants_associations_tenantmanagementorganisation_estates",
        ),
    ]
