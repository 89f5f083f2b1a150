"""Interface strings as the bokmål site shows them, whatever the catalogue holds today."""

from django.utils import translation


def nb(msgid: str, **params) -> str:
    with translation.override("nb"):
        text = translation.gettext(msgid)
    return text % params if params else text


def nb_plural(singular: str, plural: str, count: int) -> str:
    with translation.override("nb"):
        return translation.ngettext(singular, plural, count) % {"counter": count}
