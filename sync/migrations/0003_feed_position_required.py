from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0002_feed_metadata_idempotency"),
    ]

    operations = [
        migrations.AlterField(
            model_name="syncdata",
            name="seq",
            field=models.BigIntegerField(),
        ),
    ]
