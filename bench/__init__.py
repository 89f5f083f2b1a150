"""Benchmarks (not tests). `make bench` runs `python -m bench`, which runs ``main()`` of every
module listed here that exists; `python -m bench bench.pages` runs only the ones named."""

BENCHMARKS = [
    "bench.middleware",
    "bench.pages",
    "bench.page_cache",
    "bench.news",
    "bench.plans",
    "bench.programme",
    "bench.registration",
    "bench.targets",
]
