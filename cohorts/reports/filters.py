"""The filters of the staff reports (views.py): each cohort named with its
programme, the days without a published update, the accreditation status."""

import datetime
from operator import attrgetter

import django_filters

from django import forms
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet

from cohorts.ids import IdChoiceFilter
from cohorts.models import AccreditationStatus, CohortPage, Fellow, FellowProjectPage


def cohort_filter(**kwargs):
    """A choice of cohort, each named with its programme (full_title)."""
    return IdChoiceFilter(
        label="Cohort",
        queryset=CohortPage.objects.with_programme_title().order_by(
            "-start_date", "programme_title"
        ),
        label_from_instance=attrgetter("full_title"),
        **kwargs,
    )


class FellowFilterSet(WagtailFilterSet):
    cohort = cohort_filter(field_name="cohort")

    class Meta:
        model = Fellow
        fields = ["cohort"]


class DaysFilter(django_filters.Filter):
    """A whole number of days. (NumberFilter's decimal field, or a step_size,
    fails on a huge number before its maximum is checked.)"""

    field_class = forms.IntegerField


class StaleProjectsFilterSet(WagtailFilterSet):
    DEFAULT_DAYS = 90

    days = DaysFilter(
        label="No published update for at least (days)",
        method="filter_days",
        required=True,
        min_value=1,
        max_value=3650,
        initial=DEFAULT_DAYS,
    )
    cohort = cohort_filter(method="filter_cohort")

    class Meta:
        model = FellowProjectPage
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "days" not in data:
            data = data.copy()
            data["days"] = str(self.DEFAULT_DAYS)
        super().__init__(data, *args, **kwargs)

    def filter_days(self, queryset, name, value):
        cutoff = timezone.localdate() - datetime.timedelta(days=value)
        return queryset.filter(last_activity__lt=cutoff)

    def filter_cohort(self, queryset, name, value):
        return queryset.child_of(value)


class AccreditationFilterSet(WagtailFilterSet):
    cohort = cohort_filter(field_name="cohort")
    accreditation_status = IdChoiceFilter(
        label="Accreditation status", queryset=AccreditationStatus.objects.all()
    )
    award_complete = django_filters.BooleanFilter(
        label="Award completed",
        field_name="accreditation_status__award_complete",
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Fellow
        fields = ["cohort", "accreditation_status", "award_complete"]
