import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_issue_categories"),
        ("tenants_associations", "0003_meetings_become_events"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="trameeting",
            options={"ordering": ["event__starts_at"], "verbose_name": "TRA meeting"},
        ),
        migrations.RemoveField(model_name="trameeting", name="cancelled_at"),
        migrations.RemoveField(model_name="trameeting", name="created_at"),
        migrations.RemoveField(model_name="trameeting", name="created_by"),
        migrations.RemoveField(model_name="trameeting", name="estate"),
        migrations.RemoveField(model_name="trameeting", name="notes"),
        migrations.RemoveField(model_name="trameeting", name="place"),
        migrations.RemoveField(model_name="trameeting", name="starts_at"),
        migrations.AlterField(
            model_name="trameeting",
            name="event",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="tra_meeting", to="events.event"
            ),
        ),
        migrations.AlterField(
            model_name="trameeting",
            name="tra",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for the first meeting of a TRA not yet formed (its event names the estate).",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings",
                to="tenants_associations.tenantsassociation",
            ),
        ),
        migrations.AddConstraint(
            model_name="trameeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("tra__isnull", False), ("kind", "first"), _connector="OR"),
                name="tra_meeting_belongs_to_a_tra_or_is_a_first_meeting",
            ),
        ),
    ]
