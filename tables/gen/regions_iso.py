#!/usr/bin/env python3
"""Generate tables/entities/regions_iso.tsv: the first-level subdivisions
(ISO 3166-2) of Ukraine, Russia, China, the United States and the EU states.

Sources:
  * pycountry (pinned in tables/gen/requirements.txt): the ISO 3166-2 codes,
    types and names (Debian iso-codes data, LGPL-2.1-or-later); the ISO name
    is a native name or its official romanization (Bayern, Khersonska oblast);
  * tables/gen/regions_en.tsv: the English names (hand-entered) for every
    code whose ISO name is not English, and ids the hand table regions.tsv
    already uses. Native-script names of the UA, RU and CN regions (Херсонська
    область, Херсонщина, 安徽省) are in the hand table regions.tsv.

Rules:
  * kept: subdivisions without a parent, except those that are cities or
    countries of their own (types in SKIP_TYPES: Kyiv, Moscow, Beijing, Prague,
    Budapest, Ceuta; Puerto Rico, Åland, Hong Kong, Taiwan have ISO 3166-1
    codes) and the city-states in SKIP_CODES (Berlin, Hamburg, Bremen, Vienna,
    Sofia city). Latvia, Slovenia, Malta and Luxembourg are left out: ISO
    3166-2 gives them only municipalities or cantons named after their towns;
  * ids `region:<slug of the English name>` (DESIGN §2), `-<iso2>` added on a
    tie; columns `iso` (the ISO 3166-2 code) and `country` (ISO 3166-1);
  * rows: the English name (`canonical`, unless the hand table regions.tsv has
    one for the id), its English aliases, the ISO name (an ISO name "Murcia,
    Región de" is written "Región de Murcia"; "Catalunya [Cataluña]" gives
    both names), and for Polish voivodeships the full form "województwo
    mazowieckie". An ISO name equal (after NFC + case folding) to a city or
    country name of the tables is left out (Lefkosia, Lisboa): that name is
    the city's; the region keeps its English "… District" name.

Usage: python3 tables/gen/regions_iso.py   (writes the file; deterministic)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ENTITIES, ascii_slug, fold, read_table, version, write_table  # noqa: E402

import pycountry  # noqa: E402

OUT = ENTITIES / "regions_iso.tsv"
NAMES = Path(__file__).resolve().parent / "regions_en.tsv"
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LT NL PL PT RO SK ES SE".split()
COUNTRIES = ["UA", "RU", "CN", "US", *EU]
SKIP_TYPES = {
    "City", "Autonomous city", "Municipality", "Special administrative region", "Capital city",
    "City with county rights", "State city", "Urban municipality", "Local council", "Special municipality",
    "Country", "Outlying area", "Autonomous city in north africa", "Dependency",
}
SKIP_CODES = {"DE-BE", "DE-HH", "DE-HB", "AT-9", "BG-22", "FI-01", "CN-TW"}
# The language of each country's ISO 3166-2 names (romanized where the
# country's script is not Latin).
ISO_LANG = {
    "UA": "uk-Latn", "RU": "ru-Latn", "CN": "zh-Latn", "US": "en", "AT": "de", "BE": "und", "BG": "bg-Latn",
    "HR": "hr", "CY": "el-Latn", "CZ": "cs", "DK": "da", "EE": "et", "FI": "fi", "FR": "fr", "DE": "de",
    "GR": "el-Latn", "HU": "hu", "IE": "en", "IT": "it", "LT": "lt", "NL": "nl", "PL": "pl", "PT": "pt",
    "RO": "ro", "SK": "sk", "ES": "es", "SE": "sv",
}


def iso_names(name: str) -> list[str]:
    """The names an ISO 3166-2 name stands for."""
    out = []
    m = re.fullmatch(r"(.+?)\s*\[(.+)\]", name)
    if m:
        name, other = m.group(1), m.group(2)
        if not re.fullmatch(r"[A-Z]{2}-\w+", other):
            out.append(other)
    m = re.fullmatch(r"(.+), (.+)", name)
    if m:
        name = f"{m.group(2)} {m.group(1)}"
    return [name, *out]


def main() -> None:
    english = {r["iso"]: r for r in read_table(NAMES)}
    taken_names: set[str] = set()
    for file in ("cities.tsv", "cities_geonames.tsv", "countries.tsv", "countries_cldr.tsv"):
        for r in read_table(ENTITIES / file):
            if r.get("type") != "demonym":
                taken_names.add(fold(r["name"]))
    hand = read_table(ENTITIES / "regions.tsv")
    hand_names: dict[str, set[str]] = {}
    for r in hand:
        hand_names.setdefault(r["id"], set()).add(fold(r["name"]))
    hand_canonical = {r["id"] for r in hand if r.get("type") == "canonical"}

    subs = []
    for cc in COUNTRIES:
        for s in pycountry.subdivisions.get(country_code=cc):
            overseas = s.type.startswith("Overseas")  # French overseas: ISO 3166-1 codes of their own
            if s.parent_code is None and s.type not in SKIP_TYPES and s.code not in SKIP_CODES and not overseas:
                subs.append(s)
    subs.sort(key=lambda s: s.code)
    unused = set(english) - {s.code for s in subs}
    if unused:
        sys.exit(f"regions_en.tsv: codes not among the kept subdivisions: {sorted(unused)}")

    entries = []
    for s in subs:
        cc = s.code.split("-")[0]
        row = english.get(s.code)
        if row is None and cc not in ("US", "IE"):
            sys.exit(f"regions_en.tsv: no English name for {s.code} ({s.name})")
        en = row["english"] if row else s.name
        aliases = [a for a in (row["aliases"].split("|") if row and row["aliases"] else [])]
        entries.append((s, cc, en, aliases, row["id"] if row and row.get("id") else ""))

    ids: dict[str, str] = {}
    slugs: dict[str, list[str]] = {}
    for s, cc, en, _, given in entries:
        if given:
            ids[s.code] = given
        else:
            slugs.setdefault(f"region:{ascii_slug(en)}", []).append(s.code)
    taken_ids = set(ids.values()) | hand_canonical  # ids of the hand table's own entities
    for slug, codes in sorted(slugs.items()):
        for i, code in enumerate(codes):
            rid = slug
            if i > 0 or rid in taken_ids:
                rid = f"{slug}-{code.split('-')[0].lower()}"
            assert rid not in taken_ids, rid
            taken_ids.add(rid)
            ids[code] = rid

    rows = []
    for s, cc, en, aliases, _ in entries:
        rid = ids[s.code]
        attrs = [s.code, cc]
        seen = set(hand_names.get(rid, set()))
        candidates = []
        if rid not in hand_canonical:
            rows.append([rid, "region", en, "en", "canonical", *attrs])
            seen.add(fold(en))
        else:
            candidates.append((en, "en"))
        candidates += [(a, "en") for a in aliases]
        for n in iso_names(s.name):
            if fold(n) not in taken_names:
                candidates.append((n, ISO_LANG[cc]))
        if cc == "PL":
            candidates.append((f"województwo {s.name.lower()}", "pl"))
        for name, lang in candidates:
            if fold(name) in seen:
                continue
            seen.add(fold(name))
            rows.append([rid, "region", name, lang, "alias", *attrs])
        if not any(r[0] == rid for r in rows):
            sys.exit(f"{rid}: every name is in regions.tsv already, so no row carries its attributes")

    header = [
        "Regions: first-level subdivisions (ISO 3166-2) of UA, RU, CN, US and the EU states, with English and ISO names.",
        "generated by tables/gen/regions_iso.py: do not edit (rerun: bash tables/gen/regenerate.sh)",
        f"source: pycountry {version('pycountry')} (ISO 3166-2 codes and names; iso-codes, LGPL-2.1-or-later); "
        "English names: tables/gen/regions_en.tsv (hand-entered)",
        f"{len(entries)} subdivisions; native-script names of UA, RU and CN regions are in regions.tsv",
    ]
    write_table(OUT, header, ["id", "kind", "name", "lang", "type", "iso", "country"], rows)
    print(f"{OUT.relative_to(ENTITIES.parent.parent)}: {len(rows)} rows, {len(entries)} regions", file=sys.stderr)


if __name__ == "__main__":
    main()
