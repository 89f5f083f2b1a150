"""Soft hyphens in long words, so that headings break at a syllable, with a hyphen.

Bokmål glues words together ("Kunnskapskommunekonferansen", "Styringsdokumenter"); in a
heading on a phone, or a card title in a narrow column, such a word is wider than its box.
CSS ``hyphens: auto`` would solve it, but only where the browser has a bokmål dictionary
(Chromium on Linux and Android has none), and without it the word either overflows the page
or is cut anywhere ("Styringsdokumente/r"). Soft hyphens (U+00AD) at the syllables pyphen
finds work in every browser: invisible unless the line breaks there. Only long words get
them; screen readers and search ignore soft hyphens."""

import functools
import re

import pyphen
from django.utils.translation import get_language

SOFT_HYPHEN = "\u00ad"
# Shorter words fit every box the site has, even a phone's largest heading (about 16 letters at
# 320 px); hyphenating them would only scatter hyphens through card texts.
MIN_WORD_LENGTH = 13
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")
_DICTIONARIES = {"nb": "nb_NO", "en": "en_GB"}


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen:
    # At least three letters on either side of a break: no "Sty-" or "-er" lines.
    return pyphen.Pyphen(lang=_DICTIONARIES.get(language, "nb_NO"), left=3, right=3)


def hyphenate(text: str, language: str | None = None) -> str:
    """``text`` with soft hyphens at the syllable breaks of its long words, for ``language``
    (the active language by default)."""
    if not text:
        return text
    dictionary = _dictionary((language or get_language() or "nb").split("-")[0])
    return _LONG_WORD.sub(lambda match: dictionary.inserted(match.group(), hyphen=SOFT_HYPHEN), str(text))
