# A measure's kind of unit (for the chart's bounds) and the editor's
# "astronomical" mark on a point. Existing measures get the kind of unit their
# unit shows (unit_kind_for); any other unit stays "other", with no bounds, as
# the charts were drawn before.

import re

from django.db import migrations, models

PERCENTAGE = re.compile(r"%|(percent(age)?|per cent)\b")
RATE = re.compile(r"(^|\s)per\s")
COUNT = re.compile(r"(count|number|no\.?)( of .*)?")


def unit_kind_for(unit):
    """Starting with "%", "percent" or "percentage": percentage; "... per
    ...": rate; "count", "number" or "number of ...": count; else other."""
    unit = unit.strip().lower()
    if PERCENTAGE.match(unit):
        return "percentage"
    if RATE.search(unit):
        return "rate"
    if COUNT.fullmatch(unit):
        return "count"
    return "other"


def derive_unit_kinds(apps, schema_editor):
    ProjectMeasure = apps.get_model("cohorts", "ProjectMeasure")
    units = ProjectMeasure.objects.order_by().values_list("unit", flat=True)
    for unit in units.distinct():
        ProjectMeasure.objects.filter(unit=unit).update(unit_kind=unit_kind_for(unit))


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0006_measure_point_approved"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurepoint",
            name="astronomical",
            field=models.BooleanField(
                default=False,
                help_text="Tick for a point obviously different from all the "
                "others (a judgement, so it is never computed). It stays on the "
                "chart, but a sustained improvement must show without it.",
            ),
        ),
        migrations.AddField(
            model_name="projectmeasure",
            name="unit_kind",
            field=models.CharField(
                choices=[
                    ("percentage", "Percentage (0 to 100)"),
                    ("count", "Count (0 or more)"),
                    ("rate", "Rate (0 or more)"),
                    ("other", "Other (no bounds)"),
                ],
                default="other",
                help_text="Sets the bounds of the chart: a percentage's limits and "
                "axis stop at 0 and 100, a count's or a rate's at 0, and the "
                "summary says when a limit is cut off there. Choose Other for a "
                "unit that can be negative, such as a change or a score.",
                max_length=20,
                verbose_name="kind of unit",
            ),
        ),
        migrations.AlterField(
            model_name="measurepoint",
            name="period",
            field=models.DateField(
                help_text="The date the value is for, stored as the start of its "
                "period: the first day of the month for monthly data, the Monday "
                "for weekly data."
            ),
        ),
        migrations.RunPython(derive_unit_kinds, migrations.RunPython.noop),
    ]
