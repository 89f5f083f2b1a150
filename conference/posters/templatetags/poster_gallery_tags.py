"""``{% poster_gallery_link edition %}``: a link to the edition's poster gallery, shown on the
edition page (also in the archive of past conferences) once the gallery has posters."""

from django import template

from ..links import call_of

register = template.Library()


@register.inclusion_tag("posters/includes/gallery_link.html")
def poster_gallery_link(edition):
    call = call_of(edition)
    if call is None or not call.url or not call.has_gallery():
        return {"gallery_url": ""}
    return {"gallery_url": call.gallery_url(), "edition": edition}
