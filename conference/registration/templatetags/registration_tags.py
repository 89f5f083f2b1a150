from django import template

register = template.Library()


@register.inclusion_tag("registration/includes/registration_box.html")
def registration_box(page):
    """'Meld deg på' box for an edition page: open/closed, dates and seats left.
    Usage: ``{% load registration_tags %}{% registration_box page %}``."""
    from conference.registration import services

    if not page.ticket_types.filter(active=True).exists():
        return {"show": False}
    return {"show": True, "edition": page, "state": services.summary(page)}
