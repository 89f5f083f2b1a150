import datetime

from cms.plans.models import FocusArea, Measure, MeasureStatus, PlanIndexPage, PlanPage


def make_plan(home, slug="plan-2022", focus_areas=6, measures_per_area=0, statuses_per_measure=0):
    """A published plan under a plan index with published measures and status histories."""
    index = PlanIndexPage.objects.child_of(home).first()
    if index is None:
        index = PlanIndexPage(title="Planer", slug="planer")
        home.add_child(instance=index)
        index.save_revision().publish()
    plan = PlanPage(title=f"Plan {slug}", slug=slug, period_start=2022, period_end=2027)
    for number in range(1, focus_areas + 1):
        plan.focus_areas.add(FocusArea(number=f"6.{number}", title=f"Område {number}", sort_order=number))
    index.add_child(instance=plan)
    plan.save_revision().publish()
    for area in plan.focus_areas.all():
        for item in range(1, measures_per_area + 1):
            make_measure(
                area,
                f"{area.number}.{item}",
                [
                    (datetime.date(2022 + k, 3, 1), ["planned", "in_progress", "done"][k % 3])
                    for k in range(statuses_per_measure)
                ],
            )
    return plan


def make_measure(area, number, history=(), title=None):
    measure = Measure(focus_area=area, number=number, title=title or f"Tiltak {number}", responsible="Bergen kommune")
    for date, status in history:
        measure.statuses.add(MeasureStatus(date=date, status=status, comment=""))
    measure.save()
    measure.save_revision().publish()
    return measure
