# Points stored before approval existed were already public: they migrate as live.

from django.db import migrations, models

HELP_TEXT = (
    "Shown on the public site. A fellow's new or changed point waits for "
    "programme staff to approve the project."
)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0004_measures"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurepoint",
            name="live",
            field=models.BooleanField(
                default=True, help_text=HELP_TEXT, verbose_name="approved"
            ),
        ),
        migrations.AlterField(
            model_name="measurepoint",
            name="live",
            field=models.BooleanField(
                default=False, help_text=HELP_TEXT, verbose_name="approved"
            ),
        ),
    ]
