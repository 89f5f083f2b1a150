"""Split untranslated catalogue entries into JSON chunks and apply translated chunks back.

    python tools/po_chunks.py export locale/nb/LC_MESSAGES/django.po /tmp/chunks 150
    python tools/po_chunks.py apply  locale/nb/LC_MESSAGES/django.po /tmp/chunks/*.json
    python tools/po_chunks.py status locale/nb/LC_MESSAGES/django.po

A chunk is a list of {"msgid", "msgid_plural", "msgctxt", "msgstr", "msgstr_plural", "where"}; the
translator fills msgstr (or msgstr_plural as {"0": singular, "1": plural})."""

import json
import sys
from pathlib import Path

import polib


def entries_to_translate(po):
    return [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def export(po_path, out_dir, size):
    po = polib.pofile(po_path)
    todo = entries_to_translate(po)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(0, len(todo), size):
        chunk = [
            {
                "msgid": e.msgid,
                "msgid_plural": e.msgid_plural or None,
                "msgctxt": e.msgctxt or None,
                "msgstr": "",
                "msgstr_plural": {"0": "", "1": ""} if e.msgid_plural else None,
                "where": [f"{f}:{line}" for f, line in e.occurrences][:3],
            }
            for e in todo[n : n + size]
        ]
        (out / f"chunk_{n // size:02d}.json").write_text(json.dumps(chunk, ensure_ascii=False, indent=1))
    print(f"{len(todo)} entries to translate in {(len(todo) + size - 1) // size} chunks in {out}")


def apply(po_path, chunk_paths):
    po = polib.pofile(po_path)
    index = {(e.msgctxt or None, e.msgid): e for e in po}
    applied = 0
    for path in chunk_paths:
        for item in json.loads(Path(path).read_text()):
            entry = index.get((item.get("msgctxt"), item["msgid"]))
            if entry is None:
                continue
            if entry.msgid_plural and item.get("msgstr_plural"):
                plural = {int(k): v for k, v in item["msgstr_plural"].items()}
                if all(plural.values()):
                    entry.msgstr_plural = plural
                    applied += 1
            elif item.get("msgstr"):
                entry.msgstr = item["msgstr"]
                applied += 1
            if "fuzzy" in entry.flags and (entry.msgstr or all(entry.msgstr_plural.values() or [""])):
                # A translation from a chunk replaces makemessages' fuzzy guess.
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
    po.save(po_path)
    print(f"applied {applied} translations; {len(entries_to_translate(po))} left")


def status(po_path):
    po = polib.pofile(po_path)
    todo = entries_to_translate(po)
    print(f"{len(po)} entries, {len(todo)} untranslated or fuzzy")
    for e in todo[:20]:
        print("  ", e.msgid[:80])


if __name__ == "__main__":
    command, po_path, *rest = sys.argv[1:]
    if command == "export":
        export(po_path, rest[0], int(rest[1]) if len(rest) > 1 else 150)
    elif command == "apply":
        apply(po_path, rest)
    else:
        status(po_path)
