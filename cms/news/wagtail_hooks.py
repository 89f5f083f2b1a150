import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicFilterSet(WagtailFilterSet):
    in_use = django_filters.BooleanFilter(label=_("Used by news"), method="filter_in_use")

    class Meta:
        model = Topic
        fields = []

    def filter_in_use(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(_news_count__gt=0) if value else queryset.filter(_news_count=0)


class TopicViewSet(SnippetViewSet):
    """Topics editors tag news with; the count shows which are in use."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    list_display = ["name", "slug", Column("_news_count", label=_("News items"), sort_key="_news_count")]
    filterset_class = TopicFilterSet
    search_fields = ["name"]
    ordering = ["name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Topic.objects.annotate(_news_count=Count("newspage"))


register_snippet(TopicViewSet)
