"""A survey can no longer be of the community projects kind, and the date its result was published on the
community projects page goes: the app of its own publishes results (Round.results_published_at)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0009_community_projects_surveys_kept_as_surveys"),
    ]

    operations = [
        migrations.RemoveField(model_name="survey", name="results_published_at"),
        migrations.AlterField(
            model_name="survey",
            name="kind",
            field=models.CharField(
                choices=[
                    ("consultation", "Survey"),
                    ("tenant_satisfaction", "Tenant Satisfaction Measures (the regulator's yearly survey)"),
                ],
                default="consultation",
                max_length=30,
            ),
        ),
    ]
