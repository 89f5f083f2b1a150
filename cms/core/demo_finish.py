"""Last demo step: the main menu order, whatever order the sections were loaded in."""

from cms.core.demo_utils import reorder_children

MENU_ORDER = [
    "om-oss",
    "nyheter",
    "planer",
    "styringsdokumenter",
    "kalender",
    "konferansen",
    "kontakt",
    "personvern",
    "tilgjengelighetserklaering",
]


def load(home, stdout) -> None:
    reorder_children(home, MENU_ORDER)
