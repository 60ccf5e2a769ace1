#!/usr/bin/env python3
"""Generate tables/names/common_words.tsv: frequent common words of ten
languages that the built-in tables hold as a one-word name (Reading, Nice,
Split, Mobile, Orange, Surprise, Independence), so that the extractor can ask
for more evidence before it takes such a word for a place.

A word is listed for a language when
  1. wordfreq gives it a Zipf frequency of at least MIN_ZIPF in that language
     (about once per 300,000 words of running text);
  2. Hunspell's dictionary of that language accepts it written in lower case
     (a common word, not only a proper name: "london" is rejected, "reading",
     "nice" and "china" are accepted); and
  3. its nomen match key equals the match key of a one-word alias of the
     tables in tables/entities/ (types canonical, alias, former and demonym;
     `abbrev` rows match only their exact letters and are left out). Keys are
     compared, not spellings, because the extractor looks names up by key:
     "in" meets the Arabic جيان (Jaén) and "he" the Shan ၶႄႇ (China) there;
  4. its key is not the key of a name of the hand-made tables (HAND) nor of a
     country's canonical English name: those were chosen as names the engine
     must find (china, turkey, dutch, американські; demonym_forms.tsv, made from
     demonyms.tsv, counts as hand-made), the list is aimed at the
     bulk of generated aliases.

Sources: wordfreq (frequencies; its data is CC BY-SA 4.0), the Hunspell
dictionaries of Debian (hunspell-en-us, -de-de, -fr, -es, -it, -pt-br, -pl,
-ru, -uk, -nl; licenses in tables/SOURCES.md), and the `nomen normalize`
command of this repository for the keys (NOMEN_BIN, default
target/release/nomen). Only the membership of a word in these lists is used.

The same run writes tables/names/common_given_names.tsv: the frequent
common words (1 and 2 above) whose match key is a given name's key in
tables/names/given_names.tsv (Will, Grant, Hunter, Mark, Parliament: Wikidata
knows people of every such name). Before a place's name in running text
(a title-case headline, Parliament Kyiv) such a word is seldom the given
name of a person who bears the place's name, and the extractor does not take
it for one.

Usage: python3 tables/gen/common_words.py   (writes both files; deterministic)
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ENTITIES, TABLES, fold, read_table, version  # noqa: E402
from common import match_keys as keys  # noqa: E402

import wordfreq  # noqa: E402

OUT = TABLES / "names" / "common_words.tsv"
OUT_GIVEN = TABLES / "names" / "common_given_names.tsv"
MIN_ZIPF = 3.5
# wordfreq language → Hunspell dictionary and its Debian package
LANGS = {
    "en": ("en_US", "hunspell-en-us"),
    "de": ("de_DE", "hunspell-de-de"),
    "fr": ("fr_FR", "hunspell-fr"),
    "es": ("es_ES", "hunspell-es"),
    "it": ("it_IT", "hunspell-it"),
    "pt": ("pt_BR", "hunspell-pt-br"),
    "pl": ("pl_PL", "hunspell-pl"),
    "ru": ("ru_RU", "hunspell-ru"),
    "uk": ("uk_UA", "hunspell-uk"),
    "nl": ("nl_NL", "hunspell-nl"),
}
ROOT = TABLES.parent
HAND = [
    "countries.tsv", "cities.tsv", "regions.tsv", "people.tsv", "orgs.tsv", "demonyms.tsv", "demonym_forms.tsv",
    "people_leaders.tsv",
]


def accepted_lowercase(words: list[str], dictionary: str) -> set[str]:
    """The words Hunspell accepts as written (lower case)."""
    rejected = subprocess.run(
        ["hunspell", "-d", dictionary, "-l"], input="\n".join(words) + "\n",
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    return set(words) - set(rejected)


def package_version(package: str) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                          capture_output=True, text=True, check=True).stdout


def main() -> None:
    names = set()
    for path in sorted(ENTITIES.glob("*.tsv")):
        for row in read_table(path):
            name = row["name"].strip()
            if row.get("type", "alias") in ("abbrev", "suppress") or len(name.split()) != 1:
                continue
            names.add(name)
    chosen = set()
    for path in sorted(ENTITIES.glob("*.tsv")):
        for row in read_table(path):
            if path.name in HAND or (row["id"].startswith("country:") and row.get("type") == "canonical"):
                chosen.add(fold(row["name"]))
    names_sorted = sorted(names)
    alias_keys = {k for k in keys(names_sorted) if k}
    chosen_keys = set(keys(sorted(chosen)))

    given_keys = set()
    for line in (TABLES / "names" / "given_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("class\t"):
            given_keys.update(line.split("\t")[1].split(" "))
    rows = []
    given_rows = []
    for lang, (dictionary, _) in LANGS.items():
        words = []
        for w in wordfreq.iter_wordlist(lang, "best"):
            if wordfreq.zipf_frequency(w, lang, "best") < MIN_ZIPF:
                break
            script = "CYRILLIC" if lang in ("ru", "uk") else "LATIN"
            if not all(unicodedata.name(c, "").startswith(script) for c in w):
                continue  # a word of another script in this language's corpus
            if len(w) >= 2 and w == w.lower() and fold(w) not in chosen:
                words.append(w)
        word_keys = keys(words)
        hits = [w for w, k in zip(words, word_keys) if k in alias_keys and k not in chosen_keys]
        given = [w for w, k in zip(words, word_keys) if k in given_keys]
        ok = accepted_lowercase(sorted(set(hits) | set(given)), dictionary)
        rows += [(lang, w) for w in sorted(set(hits) & ok, key=fold)]
        given_rows += [(lang, w) for w in sorted(set(given) & ok, key=fold)]

    header = [
        "Common words that are also one-word names in tables/entities/ (by match key): the extractor needs more",
        "evidence before it takes one of them for a name. Columns: word (lower case), lang (the language it is common in).",
        "generated by tables/gen/common_words.py: do not edit (rerun: bash tables/gen/regenerate.sh)",
        f"source: wordfreq {version('wordfreq')} (Zipf >= {MIN_ZIPF}; data CC BY-SA 4.0), Hunspell dictionaries "
        + ", ".join(f"{pkg} {package_version(pkg)}" for _, pkg in LANGS.values()),
    ]
    write_words(OUT, header, rows)
    header = [
        "Common words whose match key is also a given name's (tables/names/given_names.tsv): the extractor does",
        "not take one for a given name before a place's name in running text (Parliament Kyiv).",
        "Columns: word (lower case), lang (the language it is common in).",
    ] + header[2:]
    write_words(OUT_GIVEN, header, given_rows)


def write_words(path: Path, header: list[str], rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(f"# {line}\n")
        f.write("word\tlang\n")
        for lang, w in rows:
            f.write(f"{w}\t{lang}\n")
    print(f"{path.relative_to(ROOT)}: {len(rows)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
