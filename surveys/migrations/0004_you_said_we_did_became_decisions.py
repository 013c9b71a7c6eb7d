from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_from_you_said_we_did"),
        ("surveys", "0003_one_answer_per_home"),
    ]

    operations = [migrations.DeleteModel(name="YouSaidWeDid")]
