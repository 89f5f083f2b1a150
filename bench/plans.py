"""Plans, governance documents and the network under gunicorn: a plan with 60 measures (four
status entries each), its status report, the documents index with 200 documents and the
network page, each next to /healthz in the same run (ratios), plus the SQL queries of each."""

import datetime

from bench.server import prepare, run_page_benchmark

BENCH_PLAN_SLUG = "bench-plan-60"


def seed() -> list[tuple[str, str]]:
    """Idempotent: a 60-measure plan and 200 documents under the demo's sections."""

    from cms.governance.models import GovernanceDocumentIndexPage, GovernanceDocumentPage
    from cms.network.models import Body
    from cms.plans.models import FocusArea, Measure, MeasureStatus, PlanIndexPage, PlanPage

    plan_index = PlanIndexPage.objects.get(slug="planer")
    plan = PlanPage.objects.filter(slug=BENCH_PLAN_SLUG).first()
    if plan is None:
        plan = PlanPage(title="Benchmark-plan 2030–2035", slug=BENCH_PLAN_SLUG, period_start=2030, period_end=2035)
        for number in range(1, 7):
            plan.focus_areas.add(FocusArea(number=f"9.{number}", title=f"Område {number}", sort_order=number))
        plan_index.add_child(instance=plan)
        plan.save_revision().publish()
    statuses = ["planned", "in_progress", "paused", "done"]
    for area in plan.focus_areas.all():
        for item in range(1, 11):
            number = f"{area.number}.{item}"
            if Measure.objects.filter(plan=plan, number=number).exists():
                continue
            measure = Measure(focus_area=area, number=number, title=f"Tiltak {number}", responsible="Bergen kommune")
            for k in range(4):
                measure.statuses.add(MeasureStatus(date=datetime.date(2022 + k, 3, 1), status=statuses[(item + k) % 4]))
            measure.save()
            measure.save_revision().publish()

    documents = GovernanceDocumentIndexPage.objects.get(slug="styringsdokumenter")
    bodies = list(Body.objects.all()) or [None]
    existing = GovernanceDocumentPage.objects.child_of(documents).count()
    for number in range(existing, 200):
        page = GovernanceDocumentPage(
            title=f"Referat {number}",
            slug=f"bench-referat-{number}",
            kind="minutes",
            status="adopted" if number % 5 else "draft",
            owner_body=bodies[number % len(bodies)],
            effective_date=datetime.date(2016 + number % 10, 1 + number % 12, 1),
            summary_text="Referat fra møte i gruppen.",
        )
        documents.add_child(instance=page)
        page.save_revision().publish()
    return [
        ("Plan page (60 measures)", plan.url),
        ("Status report 2024-06-30", plan.url + "statusrapport/?dato=2024-06-30"),
        ("Status report CSV", plan.url + "statusrapport/?dato=2024-06-30&format=csv"),
        ("Documents index (200)", documents.url),
        ("Documents index, filtered", documents.url + "?kind=minutes&year=2020"),
        ("Network page", "/om-oss/nettverket/"),
    ]


def main() -> None:
    prepare()
    pages = seed()
    run_page_benchmark("Plans, documents and network", pages)


if __name__ == "__main__":
    main()
