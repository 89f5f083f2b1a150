"""The Snowball stemmer for Norwegian (bokmål), as PostgreSQL's ``norwegian`` text-search
configuration applies it, for the embedded SQLite database, which has no Norwegian stemming.

The algorithm is Snowball's published one (snowballstem.org, "Norwegian stemming algorithm"):
three steps that remove an inflection ending from the word's R1 region.
``tests/search/test_stemming.py`` checks it word for word against PostgreSQL's own stemmer.
"""

import re

VOWELS = frozenset("aeiouyæåø")
# Letters after which a final "s" is an inflection (plus "k" after a consonant).
S_ENDING = frozenset("bcdfghjlmnoprtvyz")

STEP1_DELETE = sorted(
    [
        "a",
        "e",
        "ede",
        "ande",
        "ende",
        "ane",
        "ene",
        "hetene",
        "en",
        "heten",
        "ar",
        "er",
        "heter",
        "as",
        "es",
        "edes",
        "endes",
        "enes",
        "hetenes",
        "ens",
        "hetens",
        "ers",
        "ets",
        "et",
        "het",
        "ast",
    ],
    key=len,
    reverse=True,
)
STEP1_TO_ER = ("erte", "ert")
STEP3_DELETE = sorted(
    ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"], key=len, reverse=True
)

WORD_RE = re.compile(r"\w+")


def _r1(word: str) -> int:
    """The start of R1: after the first non-vowel that follows a vowel, but at least 3."""
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return max(i + 1, 3)
    return len(word)


def _longest_in_r1(word: str, p1: int, suffixes) -> str | None:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= p1:
            return suffix
    return None


def stem(word: str) -> str:
    """The stem of one Norwegian word, lower-cased: "prioriteringer" → "prioritering"."""
    word = word.lower()
    p1 = _r1(word)
    if p1 >= len(word):
        return word
    # Step 1: the longest inflection ending in R1 (the three groups compete on length).
    candidates = [s for s in (*STEP1_DELETE, *STEP1_TO_ER, "s") if word.endswith(s) and len(word) - len(s) >= p1]
    if candidates:
        suffix = max(candidates, key=len)
        base = word[: -len(suffix)]
        if suffix in STEP1_TO_ER:
            word = base + "er"
        elif (
            suffix != "s"
            or base
            and (base[-1] in S_ENDING or (base[-1] == "k" and len(base) > 1 and base[-2] not in VOWELS))
        ):
            word = base
    # Step 2: "dt" and "vt" at the end of R1 lose the "t".
    if word.endswith(("dt", "vt")) and len(word) - 2 >= p1:
        word = word[:-1]
    # Step 3: derivational endings.
    suffix = _longest_in_r1(word, p1, STEP3_DELETE)
    if suffix:
        word = word[: -len(suffix)]
    return word


def stems(text: str) -> list[str]:
    """The stems of the words in ``text``, in order; punctuation and operators are dropped."""
    return [stem(word) for word in WORD_RE.findall(text)]
