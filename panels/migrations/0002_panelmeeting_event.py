import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Room for the event; the start may be empty while the data moves (so this can be undone too)."""

    dependencies = [
        ("events", "0002_issue_categories"),
        ("panels", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="panelmeeting",
            name="event",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="panel_meeting",
                to="events.event",
            ),
        ),
        migrations.AlterField(model_name="panelmeeting", name="starts_at", field=models.DateTimeField(null=True)),
    ]
