"""Readable ASCII slugs for Norwegian text.

Django's ``slugify`` drops letters that have no ASCII decomposition, so "Prosjekter som gjør en
forskjell" became "prosjekter-som-gjr-en-forskjell". Every slug the site makes from a title or a
name goes through ``slugify_nb``, which first spells ø, æ and å the way Norwegians write them
without the letters (as the admin's JavaScript does when ``WAGTAIL_ALLOW_UNICODE_SLUGS`` is off).
"""

from django.utils.text import slugify

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def slugify_nb(text: str) -> str:
    """ "Slik søker du på Årstad" → "slik-soker-du-pa-arstad"."""
    return slugify(str(text).translate(NORWEGIAN_LETTERS))
