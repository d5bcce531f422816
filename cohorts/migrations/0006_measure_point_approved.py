# The field says what it means: "live" already means something else on pages.
# A rename: the column keeps its data.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0005_measure_point_live"),
    ]

    operations = [
        migrations.RenameField(
            model_name="measurepoint",
            old_name="live",
            new_name="approved",
        ),
        migrations.AlterField(
            model_name="measurepoint",
            name="approved",
            field=models.BooleanField(
                default=False,
                help_text="Shown on the public site. A fellow's new or changed "
                "point waits for programme staff to approve the project.",
            ),
        ),
    ]
