import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
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
    ]
