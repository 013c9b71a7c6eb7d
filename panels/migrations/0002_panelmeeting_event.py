import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
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
    ]
