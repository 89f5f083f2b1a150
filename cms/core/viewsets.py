"""Shared admin viewset pieces. Every snippet list with an export button uses
``ExportingSnippetViewSet`` so its CSV/XLSX follows the site's export rules (``cms.core.exports``):
semicolons + BOM for Norwegian Excel, Oslo times, guarded formulas, phone numbers as text."""

from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from .exports import NorwegianSpreadsheetExportMixin


class ExportingSnippetIndexView(NorwegianSpreadsheetExportMixin, SnippetIndexView):
    pass


class ExportingSnippetViewSet(SnippetViewSet):
    index_view_class = ExportingSnippetIndexView
