import signal
import time

from django.core.management.base import BaseCommand

from cms.core import scheduler


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that apps declare in their schedule.py: enqueue each job when its "
        "time comes (the task worker, manage.py db_worker, runs it). Runs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between checks (default 5).")
        parser.add_argument("--once", action="store_true", help="Enqueue what is due now, then exit.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs and exit.")

    def handle(self, *args, interval, once, list, **options):
        if list:
            for job in scheduler.jobs():
                self.stdout.write(job.describe())
            return
        self._running = True

        def stop(signum, frame):
            self._running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler started with {len(scheduler.jobs())} jobs.")
        while self._running:
            for name in scheduler.run_due():
                if options["verbosity"] > 1:
                    self.stdout.write(f"enqueued {name}")
            if once:
                break
            deadline = time.monotonic() + interval
            while self._running and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))
        self.stdout.write("Scheduler stopped.")
