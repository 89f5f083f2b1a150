from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def chart_css():
    """The bar charts of cms.core.charts, used by the admin's statistics pages."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/charts.css"))
