"""The issue's name for the registration burst benchmark; the code lives in bench.registration
(listed in BENCHMARKS), so `python -m bench bench.registration_burst` runs the same thing."""

from bench.registration import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
