import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Room for the event. The start may be empty, and the rule tying a first meeting to its estate
    goes, while the data moves (so this can be undone too)."""

    dependencies = [
        ("events", "0002_issue_categories"),
        ("tenants_associations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="trameeting",
            name="event",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tra_meeting",
                to="events.event",
            ),
        ),
        migrations.AlterField(model_name="trameeting", name="starts_at", field=models.DateTimeField(null=True)),
        migrations.AlterField(
            model_name="trameeting", name="place", field=models.CharField(blank=True, max_length=250)
        ),
        migrations.RemoveConstraint(
            model_name="trameeting",
            name="tra_meeting_belongs_to_a_tra_or_is_a_first_meeting_on_an_estate",
        ),
    ]
