#!/usr/bin/env bash
# Rebuild every generated table under tables/ from its pinned source
# (tables/gen/requirements.txt). Deterministic: on the same versions the
# output is byte-identical, so `git diff --exit-code tables/` after this
# script tells whether the committed files are current.
#
#   bash tables/gen/regenerate.sh            # venv in /tmp/nomen-genvenv
#   NOMEN_GENVENV=/some/dir bash tables/gen/regenerate.sh
#
# Needs python3 (3.11+), the PyPI registry, cargo (common_words.py asks
# `nomen normalize` for match keys) and the Hunspell dictionaries of Debian
# (installed with apt-get when missing). Order matters: cities read the
# countries, regions read both, the word list reads every entity table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${NOMEN_GENVENV:-/tmp/nomen-genvenv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
py="$venv/bin/python"
python3 "$here/iuliia_to_rules.py"        # standard library only
"$py" "$here/han_readings.py"
# Japanese readings of kanji names: IPAdic's source files from Debian's mecab-ipadic.
dpkg-query -W -f='${Status}' mecab-ipadic 2>/dev/null | grep -q "ok installed" || apt-get install -y -qq mecab-ipadic >/dev/null
python3 "$here/ja_readings.py"           # standard library only
python3 "$here/pinyin_syllables.py"     # standard library only; reads han_readings.tsv
python3 "$here/wade_giles.py"           # standard library only; reads pinyin_syllables.tsv
python3 "$here/palladius.py"            # standard library only; reads pinyin_syllables.tsv
python3 "$here/pinyin_national.py"      # standard library only; reads pinyin_syllables.tsv and pinyin_national_systems.tsv
"$py" "$here/countries_cldr.py"
"$py" "$here/calendar_words.py"
# cities and the word list ask `nomen normalize` for match keys.
(cd "$here/../.." && cargo build --release --quiet --bin nomen)
export NOMEN_BIN="$here/../../target/release/nomen"
"$py" "$here/cities_geonames.py"
"$py" "$here/known_places.py"
"$py" "$here/regions_iso.py"
"$py" "$here/demonym_forms.py"           # reads the hand tables' demonyms
dicts="hunspell hunspell-en-us hunspell-de-de hunspell-fr hunspell-es hunspell-it hunspell-pt-br hunspell-pl hunspell-ru hunspell-uk hunspell-nl"
missing=""
for p in $dicts; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "installing$missing" >&2
    apt-get install -y -qq $missing >/dev/null
fi
"$py" "$here/common_words.py"
"$py" "$here/given_names.py"             # reads ../shared/data/person_names.txt (NOMEN_PERSON_NAMES)
