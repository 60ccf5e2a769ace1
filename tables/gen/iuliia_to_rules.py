#!/usr/bin/env python3
"""Rebuild tables/translit/<id>.rules for the 28 iuliia schemes.

Usage (from the repository root):

    python3 tables/gen/iuliia_to_rules.py [IUL_DIR] [OUT_DIR]

IUL_DIR defaults to tests/data/translit/iuliia (the schema files of
github.com/nalgeon/iuliia, commit a9468d0, MIT), OUT_DIR to tables/translit.
Only the mapping data of each schema is used; its `samples` stay in the test
data, where tests/translit.rs checks every one of them.

The rule text below the header must stay byte-identical to what
`Scheme::from_iuliia_json` produces (src/translit/iuliia.rs); a unit test
there compares the two, so a change here needs the same change there.
"""

import json
import sys
from pathlib import Path

SOURCE = "github.com/nalgeon/iuliia, commit a9468d0 (2025-01-04), MIT, (c) 2020 Anton Zhiyanov"

# The schemes auto mode uses for their language (one per language): for
# Russian the spelling English-language news prints most often.
AUTO = {"wikipedia", "uz"}

# id: (name, standard, description, lang)
META = {
    "ala_lc": ("ALA-LC", "ALA-LC Romanization Tables: Russian (Library of Congress, 1997)",
               "library catalogues, with tie bars and diacritics: Chaĭkovskiĭ, t͡s", "ru"),
    "ala_lc_alt": ("ALA-LC (plain)", "ALA-LC Romanization Tables: Russian (Library of Congress, 1997), without diacritics",
                   "ALA-LC with plain letters only: Chaikovskii", "ru"),
    "bgn_pcgn": ("BGN/PCGN", "BGN/PCGN Romanization of Russian (1947)",
                 "US and UK geographic names; a middle dot keeps letter pairs apart: Tash·chishma", "ru"),
    "bgn_pcgn_alt": ("BGN/PCGN (simplified)", "BGN/PCGN Romanization of Russian (1947), without the middle dot",
                     "BGN/PCGN without the optional middle-dot rules", "ru"),
    "bs_2979": ("BS 2979", "British Standard 2979:1958",
                "British libraries and Oxford University Press, with diacritics: ы → ȳ", "ru"),
    "bs_2979_alt": ("BS 2979 (plain)", "British Standard 2979:1958, without diacritics",
                    "BS 2979 with plain letters only", "ru"),
    "gost_16876": ("GOST 16876-71", "GOST 16876-71 (1973), table 1",
                   "Soviet standard with diacritics: ž, č, ŝ, û, â", "ru"),
    "gost_16876_alt": ("GOST 16876-71 (ASCII)", "GOST 16876-71 (1973), table 2",
                       "Soviet standard in ASCII: zh, jj, shh, ju, ja", "ru"),
    "gost_52290": ("GOST R 52290-2004", "GOST R 52290-2004 (road signs)",
                   "Russian road signs", "ru"),
    "gost_52535": ("GOST R 52535.1-2006", "GOST R 52535.1-2006 (identity documents)",
                   "Russian passports of 2006–2010: ц → tc, ю → iu", "ru"),
    "gost_7034": ("GOST R 7.0.34-2014", "GOST R 7.0.34-2014 (simplified transliteration)",
                  "simplified transliteration for bibliographic records: х → x, ц → c", "ru"),
    "gost_779": ("GOST 7.79-2000 A", "GOST 7.79-2000 system A (= ISO 9:1995)",
                 "one Latin letter per Cyrillic letter, reversible: ž, č, ŝ, û, â", "ru"),
    "gost_779_alt": ("GOST 7.79-2000 B", "GOST 7.79-2000 system B",
                     "reversible ASCII: cz, shh, y`, e`", "ru"),
    "icao_doc_9303": ("ICAO Doc 9303", "ICAO Doc 9303, Machine Readable Travel Documents",
                      "machine-readable passports (Russian passports since 2013): ъ → ie, ю → iu", "ru"),
    "iso_9_1954": ("ISO/R 9:1954", "ISO Recommendation R 9:1954",
                   "the first ISO recommendation, with diacritics", "ru"),
    "iso_9_1968": ("ISO/R 9:1968", "ISO Recommendation R 9:1968",
                   "the 1968 ISO recommendation, with diacritics", "ru"),
    "iso_9_1968_alt": ("ISO/R 9:1968 (alt)", "ISO Recommendation R 9:1968, alternative letters",
                       "ISO/R 9:1968 with its alternative letters: kh, zh, ts, shch", "ru"),
    "mosmetro": ("Moscow Metro", "Moscow Metro map transliteration (2017)",
                 "the Moscow Metro map: Vorobyovy gory, Ploschad Revolyutsii", "ru"),
    "mvd_310": ("MVD 310", "Order No. 310 of the Russian Ministry of Internal Affairs (1997)",
                "Russian passports of 1997–2010", "ru"),
    "mvd_310_fr": ("MVD 310 (French)", "Order No. 310 of the Russian Ministry of Internal Affairs (1997), French table",
                   "the French table of MVD 310: Iouliia Chtcheglova (its rule с → ss between vowels is not applied, "
                   "as in iuliia)", "ru"),
    "mvd_782": ("MVD 782", "Order No. 782 of the Russian Ministry of Internal Affairs (2000)",
                "Russian passports of the 2000s", "ru"),
    "scientific": ("Scientific", "Scientific transliteration (linguistics)",
                   "the linguists' system: ž, č, šč, x", "ru"),
    "telegram": ("Telegram", "Telegram's informal transliteration",
                 "plain ASCII as Telegram writes it: j, h, c, sc", "ru"),
    "ungegn_1987": ("UNGEGN 1987", "UN Resolution V/18 (1987), UNGEGN system",
                    "UN system for geographic names, with diacritics", "ru"),
    "uz": ("Uzbek Latin", "Uzbek Cyrillic to the Uzbek Latin alphabet (1995)",
           "Uzbek Cyrillic to the official Latin alphabet: ў → oʻ, ғ → gʻ, қ → q", "uz"),
    "wikipedia": ("Wikipedia", "Wikipedia romanization of Russian (modified BGN/PCGN)",
                  "Russian the way English-language press writes it: Yeltsin, Zelensky, Yoshkar-Ola", "ru"),
    "yandex_maps": ("Yandex Maps", "Yandex.Maps transliteration",
                    "street and place names on Yandex.Maps: Noviy Urengoy", "ru"),
    "yandex_money": ("Yandex Money", "Yandex.Money transliteration",
                     "card-holder names at Yandex.Money: plain ASCII", "ru"),
}


MAPPINGS = ("mapping", "prev_mapping", "next_mapping", "ending_mapping")


def latin(target):
    # Eight upstream schemas write Cyrillic ё where Latin ë is meant (see
    # NOTICE.txt); a transliteration must not leave Cyrillic behind.
    return target.replace("\u0451", "\u00eb").replace("\u0401", "\u00cb")


def cell(target):
    return latin(target) if target else "∅"


def rules_body(schema):
    """The rule lines for one schema, in the engine's format.

    Rule precedence in the engine is longest source first, then more
    conditions first, then file order; iuliia tries a letter's previous-letter
    rule, then its next-letter rule, then its plain mapping. So the sections
    go prev, next, plain, and each section is sorted by code point to give a
    stable, reproducible file.
    """
    mapping = schema.get("mapping") or {}
    prev = schema.get("prev_mapping") or {}
    nxt = schema.get("next_mapping") or {}
    ending = schema.get("ending_mapping") or {}
    out = []

    starts = sorted((k, v) for k, v in prev.items() if len(k) == 1)
    if starts:
        out.append("# at the start of a word")
        out += [f"{k}\t{cell(v)}\tstart" for k, v in starts]

    def grouped(pairs):
        # (letter, target) -> context letters, so one row holds a whole set.
        groups = {}
        for ctx, letter, target in pairs:
            groups.setdefault((letter, target), []).append(ctx)
        return sorted((k, "".join(sorted(v))) for k, v in groups.items())

    after = grouped((k[0], k[1], v) for k, v in prev.items() if len(k) == 2)
    if after:
        out.append("# after a letter")
        out += [f"{letter}\t{cell(t)}\tafter=[{ctx}]" for (letter, t), ctx in after]

    before = grouped((k[1], k[0], v) for k, v in nxt.items() if len(k) == 2)
    if before:
        out.append("# before a letter")
        out += [f"{letter}\t{cell(t)}\tbefore=[{ctx}]" for (letter, t), ctx in before]

    if ending:
        out.append("# word endings (iuliia replaces the last two letters of a longer word)")
        out += [f"{k}\t{cell(v)}\tend !start" for k, v in sorted(ending.items())]
        # iuliia reads the stem without the ending, so the stem's last letter
        # sees no next letter: a next-letter rule that would look into the
        # ending must not fire. A three-letter rule (that letter + ending)
        # outranks it and spells the letter as iuliia does.
        stem = []
        for end_key, end_target in sorted(ending.items()):
            for key in sorted(nxt):
                if len(key) != 2 or key[1] != end_key[0]:
                    continue
                letter = key[0]
                source = letter + end_key
                for ctx_key, t in sorted(prev.items()):
                    if ctx_key == letter:
                        stem.append(f"{source}\t{cell(t + end_target)}\tend start")
                for (ctx_letter, t), ctx in after:
                    if ctx_letter == letter:
                        stem.append(f"{source}\t{cell(t + end_target)}\tend after=[{ctx}]")
                stem.append(f"{source}\t{cell(mapping.get(letter, letter) + end_target)}\tend")
        if stem:
            out.append("# a letter before an ending, spelt without looking into the ending")
            out += stem

    out.append("# letters")
    out += [f"{k}\t{cell(v)}" for k, v in sorted(mapping.items())]
    return out


def main():
    root = Path(__file__).resolve().parents[2]
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests/data/translit/iuliia"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tables/translit"
    files = sorted(src.glob("*.json"))
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        sid = schema["name"]
        name, standard, description, lang = META[sid]
        head = [
            f"# GENERATED by tables/gen/iuliia_to_rules.py from iuliia/{path.name}: do not edit by hand.",
            f"# Rules data: the iuliia schema `{sid}`, {SOURCE}.",
            f"# Described at {schema['url']}",
        ]
        targets = [v for k in MAPPINGS for v in (schema.get(k) or {}).values()]
        if any("\u0451" in t for t in targets):
            head.append("# Upstream writes Cyrillic ё (U+0451) for the Latin ë (U+00EB) meant here; this file has ë.")
        for line in schema.get("comments") or []:
            head.append(f"# iuliia: {line}" if line else "#")
        head += [
            f"@id\t{sid}",
            f"@name\t{name}",
            "@script\tCyrl",
            f"@lang\t{lang}",
            f"@standard\t{standard}",
            f"@description\t{description}",
        ]
        if sid in AUTO:
            head.append("@auto\tyes")
        text = "\n".join(head + rules_body(schema)) + "\n"
        (dst / f"{sid}.rules").write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} schemes to {dst}")


if __name__ == "__main__":
    main()
