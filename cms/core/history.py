"""State-change history: one row per change of an object's state, saying from what, to what,
when, through which channel (``source``) and by whom.

Every flow with states (registrations; soon poster submissions, nominations and inquiries)
keeps such a history, so organisers can answer "what happened to this one, and who did it".
A flow declares a concrete model::

    class SubmissionStateChange(AbstractStateChange):
        owner_field = "submission"          # the FK to the object whose state changes
        class Source(models.TextChoices): ...
        submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="history")
        source = models.CharField(_("source"), max_length=10, choices=Source.choices)

and its services call ``SubmissionStateChange.transition(submission, "accepted", source, actor)``
inside the transaction that holds the object's row lock. The helpers never lock or open a
transaction themselves: the caller's services module owns the lock discipline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 2000


def note_text(message, **params) -> str:
    """A history note in the site's language (bokmål), whatever language the request is in:
    history is a record, written once and read by every organiser."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message)
        return text % {key: str(value) for key, value in params.items()} if params else text


def _real_user(actor):
    """The actor to store: a signed-in user, or None (anonymous users and tasks have no row)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor
    return None


class AbstractStateChange(models.Model):
    """One state change (or another notable event, with ``from_state == to_state``).

    Concrete models add the FK to their owner, name it in ``owner_field``, and redeclare
    ``source`` with their own choices. ``state_field`` names the owner's state attribute."""

    owner_field: str = ""
    state_field: str = "state"

    from_state = models.CharField(_("from"), max_length=12, blank=True)
    to_state = models.CharField(_("to"), max_length=12)
    at = models.DateTimeField(_("when"), default=timezone.now)
    source = models.CharField(_("source"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self):
        return f"{self.from_state or '–'} → {self.to_state}"

    @classmethod
    def record(cls, obj, from_state, to_state, source, actor=None, note=""):
        """Write one history row for ``obj``. Same signature as registration's old ``_record``."""
        return record(cls, obj, from_state, to_state, source, actor=actor, note=note)

    @classmethod
    def transition(cls, obj, to_state, source, actor=None, note="", **fields):
        """Move ``obj`` to ``to_state`` (setting ``fields`` too), save it and record the change.
        Same signature as registration's old ``_transition``."""
        return transition(obj, to_state, history_model=cls, source=source, actor=actor, note=note, **fields)


def record(history_model, obj, from_state, to_state, source, *, actor=None, note=""):
    """Create a ``history_model`` row for ``obj``.

    Only a signed-in user is stored as the actor (an anonymous request or a task has none); a
    translatable note (``gettext_lazy``) is written in the site's language whatever language the
    request is in (use ``note_text`` for one with values); the note is cut to 2000 characters so
    a long free-text reason can never fail the change it describes."""
    if not history_model.owner_field:
        raise TypeError(f"{history_model.__name__} must set owner_field to the name of its owner FK.")
    return history_model.objects.create(
        **{history_model.owner_field: obj},
        from_state=from_state or "",
        to_state=to_state,
        source=source,
        actor=_real_user(actor),
        note=note_text(note)[:NOTE_MAX_LENGTH],
    )


def transition(obj, to_state, *, history_model, source, actor=None, note="", **fields):
    """Set ``obj``'s state to ``to_state`` and any other ``fields``, save the whole object and
    record the change. Call it with the object's row locked (``select_for_update``) inside the
    caller's transaction; returns the history row."""
    state_field = history_model.state_field
    from_state = getattr(obj, state_field)
    setattr(obj, state_field, to_state)
    for name, value in fields.items():
        obj._meta.get_field(name)  # a misspelt field name fails loudly instead of being ignored
        setattr(obj, name, value)
    obj.save()
    return record(history_model, obj, from_state, to_state, source, actor=actor, note=note)
