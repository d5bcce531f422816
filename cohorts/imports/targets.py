"""What an import of dated values (series.py) writes into, and how it checks
them: a project measure's data or a programme KPI's entered values."""

from cohorts.models import (
    KPIValue,
    MeasurePoint,
    PointApproval,
    ProgrammeKPI,
    ProjectMeasure,
)


class Target:
    """What an import of dated values writes into, and how it checks them.
    ``model`` is the stored value's model (a ``period``, a ``value`` and an
    ``annotation``); ``series`` is what the values belong to (a Charted
    model: its ``check_value``). ``kind`` names the target in an ImportRun,
    and ``load`` finds it again there (raising DoesNotExist once it is gone)."""

    kind = ""
    model = None
    update_fields = ("value", "annotation")

    def __init__(self, series):
        self.series = series

    @classmethod
    def load(cls, pk, user):
        """The target of series ``pk``, for ``user`` who imports into it."""
        raise NotImplementedError

    def stored(self):
        """The stored values, by period."""
        raise NotImplementedError

    def new(self, period):
        raise NotImplementedError

    def period_of(self, day):
        """The period a value dated ``day`` is stored at, and a note for the
        preview when it moved; raises ValidationError for a date refused."""
        raise NotImplementedError

    def mark(self, value):
        """Called on each new or changed value before it is written."""

    @property
    def page(self):
        """The public page that shows the values (with its sub-pages): what the
        page cache must drop once they are written."""
        raise NotImplementedError


class MeasureTarget(Target):
    """A project measure's data, approved or pending as ``approval`` (a
    PointApproval) says."""

    kind = "measure"
    model = MeasurePoint
    update_fields = ("value", "annotation", "approved")

    def __init__(self, measure, approval):
        super().__init__(measure)
        self.approval = approval

    @classmethod
    def load(cls, pk, user):
        measure = ProjectMeasure.objects.select_related("project").get(pk=pk)
        return cls(measure, PointApproval(user, measure.project))

    def stored(self):
        return {point.period: point for point in self.series.points.all()}

    def new(self, period):
        return MeasurePoint(measure=self.series, period=period)

    def period_of(self, day):
        period = self.series.normalise_period(day)
        return period, "" if period == day else self.series.period_note(day, period)

    def mark(self, value):
        self.approval.mark(value)

    @property
    def page(self):
        return self.series.project


class KPITarget(Target):
    """A programme KPI's entered values; new ones are listed after the stored
    ones in the KPI's editor (``stored``, which validate calls first, finds
    where they start)."""

    kind = "kpi"
    model = KPIValue

    @classmethod
    def load(cls, pk, user):
        return cls(ProgrammeKPI.objects.get(pk=pk, source=ProgrammeKPI.Source.ENTERED))

    def stored(self):
        values = list(self.series.values.all())
        self.next_order = max((v.sort_order or 0 for v in values), default=0)
        return {value.period: value for value in values}

    def new(self, period):
        self.next_order += 1
        return KPIValue(kpi=self.series, period=period, sort_order=self.next_order)

    def period_of(self, day):
        self.series.check_period(day)
        return day, ""

    @property
    def page(self):
        return self.series.programme


TARGETS = {target.kind: target for target in (MeasureTarget, KPITarget)}
