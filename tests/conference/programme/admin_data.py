"""POST data for the edition page's admin form, with the programme as nested inline formsets."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def session_data(title, start, end, room="", kind="plenary", speakers=(), day="", **extra):
    return {
        "kind": kind,
        "title": title,
        "description": extra.get("description", ""),
        "day": day,
        "start_time": start,
        "end_time": end,
        "room": room,
        "chair": extra.get("chair", ""),
        "slides": "",
        "speakers": inline_formset([{"person": person.pk, "role": role} for person, role in speakers]),
    }


def edition_form_data(sessions=(), winners=(), **fields):
    data = {
        "title": "Kunnskapskommunekonferansen 2030",
        "slug": "2030",
        "year": 2030,
        "status": "planned",
        "theme": "Et tema",
        "start_date": "2030-09-05",
        "end_date": "",
        "start_time": "08:30",
        "end_time": "15:30",
        "venue_name": "Universitetsaulaen",
        "venue_address": "Muséplass 3, 5007 Bergen",
        "map_url": "",
        "intro": "",
        "body": streamfield([]),
        "capacity": "",
        "registration_opens": "",
        "registration_closes": "",
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
        "sessions": inline_formset(list(sessions)),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)
