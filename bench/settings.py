"""Settings for the benchmark server: the settings module named by BENCH_BASE_SETTINGS
(production by default) with only STATIC_ROOT moved to a temporary directory, so
`collectstatic` for a benchmark never touches the project's own staticfiles/."""

import importlib
import os
from pathlib import Path

_base = importlib.import_module(os.environ.get("BENCH_BASE_SETTINGS", "cms.settings.production"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
