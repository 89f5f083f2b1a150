from django import template

from cms.core.forms import error_summary as build_error_summary

register = template.Library()


@register.filter
def error_summary(form):
    """``{% for anchor, message in form|error_summary %}``: works for any Django form."""
    return build_error_summary(form)
