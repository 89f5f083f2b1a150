"""Figures for the annual report: inquiries per year, municipality, kind and role; the
acceptance rate; days to the first answer and to the decision (median and 90th percentile).
Each table is drawn as bar charts (``cms.core.charts``) with the HTML table next to them as
their text equivalent, and exports to CSV/XLSX through ``cms.core.exports``. Counted per routing (one inquiry to two municipalities is two)."""

from __future__ import annotations

import dataclasses
import math
import operator
from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.charts import BarChart, Series
from cms.core.exports import Column, Export

from .enums import Kind, Role, Status


def percentile(values: list[float], fraction: float) -> float | None:
    """The median for ``fraction`` 0.5 (the mean of the two middle values of an even list),
    otherwise the nearest-rank percentile (the 90th of ten values is the ninth smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    if fraction == 0.5:
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclasses.dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]
    charts: list[BarChart] = dataclasses.field(default_factory=list)

    def export(self) -> Export:
        columns = [
            Column(h, operator.itemgetter(i), kind="text" if i == 0 else "number") for i, h in enumerate(self.headers)
        ]
        return Export(self.title, columns, self.rows)


def _days(start, end) -> float:
    return round((end - start).total_seconds() / 86400, 1)


def tables(routings) -> list[Table]:
    routings = list(routings.select_related("inquiry", "municipality"))
    by_year: dict[int, Counter] = defaultdict(Counter)
    first_answer: dict[int, list] = defaultdict(list)
    decision: dict[int, list] = defaultdict(list)
    by_municipality: Counter = Counter()
    by_kind: Counter = Counter()
    by_role: Counter = Counter()
    for routing in routings:
        year = timezone.localtime(routing.inquiry.submitted_at).year
        by_year[year]["total"] += 1
        by_year[year][routing.state] += 1
        by_municipality[routing.municipality.name] += 1
        by_kind[routing.inquiry.kind] += 1
        by_role[routing.inquiry.role] += 1
        if routing.first_answer_at:
            first_answer[year].append(_days(routing.inquiry.submitted_at, routing.first_answer_at))
        if routing.decided_at and routing.state in (Status.ACCEPTED, Status.DECLINED):
            decision[year].append(_days(routing.inquiry.submitted_at, routing.decided_at))
    years = sorted(by_year)
    year_rows = []
    for year in years:
        c = by_year[year]
        decided = c[Status.ACCEPTED] + c[Status.DECLINED]
        rate = round(100 * c[Status.ACCEPTED] / decided) if decided else None
        year_rows.append([str(year), c["total"], c[Status.ACCEPTED], c[Status.DECLINED], rate])
    time_rows = [
        [
            str(year),
            percentile(first_answer[year], 0.5),
            percentile(first_answer[year], 0.9),
            percentile(decision[year], 0.5),
            percentile(decision[year], 0.9),
        ]
        for year in years
    ]
    kinds, roles = dict(Kind.choices), dict(Role.choices)
    year_table = Table(
        "year",
        _("Inquiries per year"),
        [_("Year"), _("Inquiries"), _("Accepted"), _("Declined"), _("Acceptance rate (%)")],
        year_rows,
    )
    time_table = Table(
        "time",
        _("Days to answer"),
        [
            _("Year"),
            _("First answer, median"),
            _("First answer, 90th percentile"),
            _("Decision, median"),
            _("Decision, 90th percentile"),
        ],
        time_rows,
    )
    single = [
        Table(
            "municipality",
            _("Inquiries per municipality"),
            [_("Municipality"), _("Inquiries")],
            sorted(map(list, by_municipality.items())),
        ),
        Table(
            "kind",
            _("Inquiries per kind"),
            [_("Kind"), _("Inquiries")],
            [[str(kinds.get(k, k)), n] for k, n in sorted(by_kind.items())],
        ),
        Table(
            "role",
            _("Inquiries per role"),
            [_("Role"), _("Inquiries")],
            [[str(roles.get(k, k)), n] for k, n in sorted(by_role.items())],
        ),
    ]
    _add_charts(year_table, time_table, single)
    return [year_table, time_table, *single]


def _column(table: Table, index: int) -> list:
    return [row[index] for row in table.rows]


def _add_charts(year_table: Table, time_table: Table, single: list[Table]) -> None:
    """The charts drawn from each table (the table stays on the page as their text equivalent)."""
    years = _column(year_table, 0)
    year_table.charts = [
        BarChart(
            "inquiries-per-year",
            _("Inquiries, accepted and declined per year"),
            years,
            [
                Series(_("Inquiries"), _column(year_table, 1)),
                Series(_("Accepted"), _column(year_table, 2)),
                Series(_("Declined"), _column(year_table, 3)),
            ],
        ),
        BarChart.from_pairs(
            "acceptance-rate",
            _("Acceptance rate per year (share of decided inquiries that were accepted)"),
            zip(years, _column(year_table, 4), strict=True),
            unit="%",
            maximum=100,
        ),
    ]
    median, p90 = _("Median"), _("90th percentile")
    time_table.charts = [
        BarChart(
            "days-to-first-answer",
            _("Days to the first answer"),
            years,
            [Series(median, _column(time_table, 1)), Series(p90, _column(time_table, 2))],
        ),
        BarChart(
            "days-to-decision",
            _("Days to the decision"),
            years,
            [Series(median, _column(time_table, 3)), Series(p90, _column(time_table, 4))],
        ),
    ]
    for table in single:
        table.charts = [BarChart.from_pairs(table.key, table.title, table.rows)]
