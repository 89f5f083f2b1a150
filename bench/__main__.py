"""Run the benchmarks: every module in BENCHMARKS (or the ones named on the command line)."""

import importlib
import sys
import time
import traceback

from bench import BENCHMARKS


def main(argv: list[str]) -> int:
    names = argv or BENCHMARKS
    failed = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                print(f"-- {name}: not written yet, skipped")
                continue
            raise
        if not hasattr(module, "main"):
            print(f"-- {name}: has no main(), skipped")
            continue
        print(f"\n== {name}")
        started = time.monotonic()
        try:
            module.main()
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
        print(f"-- {name} took {time.monotonic() - started:.0f} s")
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
