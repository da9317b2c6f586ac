"""Keeps the three catalogues whole: `python -m weiquan.i18n_tools fill` (run by `make messages`).

- zh-Hans is translated by hand.
- zh-Hant is derived from zh-Hans with OpenCC (s2twp: Taiwan phrasing), except entries a
  translator marked with the comment `manual`, which are kept.
- en: the msgids are English, so msgstr = msgid.
"""

import sys
from pathlib import Path

import opencc
import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogue(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"), wrapwidth=0)


def fill():
    hans, hant, en = catalogue("zh_Hans"), catalogue("zh_Hant"), catalogue("en")
    convert = opencc.OpenCC("s2twp").convert
    source = {e.msgid: e for e in hans if not e.obsolete}
    for entry in hant:
        if entry.obsolete or "manual" in (entry.tcomment or ""):
            continue
        origin = source.get(entry.msgid)
        if origin is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {k: convert(v) for k, v in origin.msgstr_plural.items()}
        else:
            entry.msgstr = convert(origin.msgstr)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    for entry in en:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    hant.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    en.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    hans.metadata_is_fuzzy = False
    hans.save()
    for po, lang in ((hant, "zh_Hant"), (en, "en")):
        po.metadata_is_fuzzy = False
        po.metadata["Language"] = lang
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.save()
    missing = [e.msgid for e in hans if not e.obsolete and not e.translated()]
    if missing:
        print(f"{len(missing)} strings still need a zh-Hans translation:", *missing[:20], sep="\n  ")
    return missing


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "fill"
    if command != "fill":
        sys.exit("usage: python -m weiquan.i18n_tools fill")
    fill()
