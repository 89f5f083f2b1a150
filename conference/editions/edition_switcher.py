"""Which edition an organiser's admin view works on: ``?edition=<id>`` (GET or POST), else a
default edition, with the list of editions for the switcher
(``templates/editions/admin/_edition_switcher.html``). Conference-wide, so registration,
posters and the award share one way of choosing an edition."""

from __future__ import annotations

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.models import Locale

from .models import ConferenceEditionPage


class EditionSwitcherMixin:
    """For class-based admin views. Puts ``edition`` and ``editions`` in the context.

    Editions are counted once per year: an edition's translations share its registrations and
    tickets, so the switcher lists the pages in the default locale (the originals)."""

    edition_param = "edition"

    def edition_queryset(self):
        return ConferenceEditionPage.objects.filter(locale=Locale.get_default()).order_by("-year")

    def default_edition(self):
        """The edition shown when none is chosen; views may prefer another (e.g. one with tickets)."""
        return self.edition_queryset().first()

    @cached_property
    def editions(self) -> list[ConferenceEditionPage]:
        return list(self.edition_queryset().only("pk", "title", "year"))

    @cached_property
    def edition(self) -> ConferenceEditionPage:
        wanted = self.request.GET.get(self.edition_param) or self.request.POST.get(self.edition_param)
        if wanted:
            try:
                wanted = int(wanted)
            except (TypeError, ValueError) as exc:
                raise Http404 from exc
            if not any(edition.pk == wanted for edition in self.editions):
                raise Http404
            return ConferenceEditionPage.objects.get(pk=wanted)
        edition = self.default_edition()
        if edition is None:
            raise Http404
        return edition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = self.edition
        context["editions"] = self.editions
        return context
