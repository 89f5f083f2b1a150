"""The programme as data: the JSON document for screens and apps (shape in docs/programme-json.md)."""

from django.utils.formats import date_format


def _person(appearance_or_person, role=None, role_label=None, request=None):
    person = getattr(appearance_or_person, "person", appearance_or_person)
    url = getattr(appearance_or_person, "url", "") or getattr(person, "url", "")
    data = {
        "id": person.pk,
        "name": person.name,
        "job_title": person.job_title,
        "organisation": person.organisation,
        "url": request.build_absolute_uri(url) if request and url else url,
    }
    if role is not None:
        data["role"] = role
        data["role_label"] = str(role_label)
    return data


def _extra(extra, absolute) -> dict:
    return {
        "key": extra.key,
        "heading": str(extra.heading),
        "items": [
            {"label": item.label, "title": item.title, "people": item.people, "url": absolute(item.url)}
            for item in extra.items
        ],
    }


def programme_json(edition, sessions, request=None) -> dict:
    def absolute(url):
        return request.build_absolute_uri(url) if request and url else url

    venue = None
    if edition.venue_name or edition.venue_address:
        venue = {"name": edition.venue_name, "address": edition.venue_address, "map_url": edition.map_url}
    return {
        "version": 1,
        "edition": {
            "year": edition.year,
            "title": edition.title,
            "theme": edition.theme,
            "status": edition.status,
            "start_date": edition.start_date.isoformat(),
            "end_date": edition.last_date.isoformat(),
            "date_label": date_format(edition.start_date, "j. F Y"),
            "starts_at": edition.starts_at().isoformat(),
            "ends_at": edition.ends_at().isoformat(),
            "timezone": "Europe/Oslo",
            "venue": venue,
            "url": absolute(edition.get_url(request)),
            "programme_url": absolute(edition.programme_url()),
            "ical_url": absolute(edition.programme_ics_url()),
        },
        "sessions": [
            {
                "id": session.pk,
                "uid": session.uid(),
                "type": session.kind,
                "type_label": str(session.get_kind_display()),
                "title": session.title,
                "description": session.description,
                "date": session.date.isoformat(),
                "starts_at": session.starts_at().isoformat(),
                "ends_at": session.ends_at().isoformat(),
                "room": session.room,
                "url": absolute(session.get_url(request)),
                "ics_url": absolute(session.get_ics_url(request)),
                "chair": _person(session.chair, request=request) if session.chair else None,
                "speakers": [
                    _person(a, role=a.role, role_label=a.get_role_display(), request=request)
                    for a in session.speaker_list
                ],
                "slides_url": absolute(session.slides.url) if session.slides_id else None,
                "extras": [_extra(extra, absolute) for extra in getattr(session, "extras", [])],
            }
            for session in sessions
        ],
    }
