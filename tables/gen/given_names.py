#!/usr/bin/env python3
"""Generate tables/names/given_names.tsv: classes of given-name forms that are
the same name in other languages and scripts (Volodymyr ≈ Vladimir ≈
Włodzimierz ≈ Wladimir ≈ Владимир ≈ Володимир; Oleksandr ≈ Aleksandr ≈
Alexander; Mykola ≈ Nikolai ≈ Mikołaj), stored as nomen match keys so that the
resolver compares a word's key with a hash lookup.

Source: person_names.txt of the OpenSanctions `rigour` package 2.6.1 (MIT;
its data comes from Wikidata, CC0): one group of forms per line,
`form, form, … => QID`. Path: $NOMEN_PERSON_NAMES, default
../shared/data/person_names.txt beside the repository; the generator refuses
a file whose SHA-256 is not SOURCE_SHA256 (another version of the data).

Steps:
  1. Groups. Hand-made `X…` groups (surname gender pairs, patronymics) are
     dropped. Forms ending like a patronymic (-ovich, -ovna, -івна, -ович…)
     are dropped. Only groups with a Cyrillic form are kept: the closure
     below runs through Cyrillic, and a Cyrillic form is what tells a
     surname (2.) — groups without one (mostly Japanese, Chinese, Korean
     readings) are left out.
  2. Surnames out. A group is taken for a surname, and dropped, when any of
     its Cyrillic or ASCII forms ends in a surname suffix (SURNAME_CYRL,
     SURNAME_LATN: -ов/-ev, -ский/-sky, -енко, -чук, -швили, -дзе, -ych…)
     after a stem of at least three letters (so Яков and Лев stay). The file
     mixes given names and surnames; this is a heuristic, and it errs on the
     side of dropping (a given name that looks like a surname is simply not
     linked).
  3. Cognate skeletons. Every Cyrillic form is reduced to a skeleton by the
     Ukrainian↔Russian↔Belarusian↔Serbian correspondences of COGNATE_RULES
     (uk і ї/ru и ы, є э/е, ґ/г, be ў/в, be дз/д, sr ј/й, pleophony оло/ла
     and оро/ра as in Володимир/Владимир, initial о/а as in Олександр/
     Александр, the endings -ій -ий -ей as in Андрій/Андрей, be я/е after a
     consonant as in Аляксандр/Александр, doubled letters). Forms of one
     name in these languages meet in one skeleton; Polish and Czech forms
     meet through the Cyrillic transcriptions their groups hold (włodzimierz,
     влодзимеж, уладзімер).
  4. Closure with a guard against over-merging. Groups are joined through
     shared skeletons ("bridges") with union-find, processed in a fixed
     order (bridges shared by fewer groups first; four passes, so evidence
     found late is used). A bridge must be at least MIN_BRIDGE letters long
     (Chinese syllables such as ли, ян, син are shared by unrelated names),
     not a diminutive (DIMINUTIVE: Саша is Alexander and Alexandra), and
     shared by at most MAX_BRIDGE_GROUPS groups. Two clusters are joined
     only when
       - together they hold at most MAX_CLUSTER groups;
       - they share at least two skeletons, or the bridge is among the most
         frequent skeletons of both (the main name of each: a lone shared
         variant does not join Tamara and Thomas, Maxim and Maki);
       - their main names are not a masculine/feminine pair (Alexander /
         Alexandra, Viktor / Viktoria: FEMININE endings).
  5. Output. Each cluster becomes one class, named by the smallest QID of its
     groups; its members are the match keys (`nomen normalize`, NOMEN_BIN,
     default target/release/nomen) of its one-word Latin and Cyrillic forms,
     at least MIN_KEY letters long. A key may sit in several classes (a
     diminutive, a short form): the resolver takes two words for one name
     only when they share a class, so classes never merge at run time.
     Classes with a single key are left out (they link nothing).

Usage: python3 tables/gen/given_names.py   (writes the file; deterministic)
"""

from __future__ import annotations

import collections
import hashlib
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tables" / "names" / "given_names.tsv"
SOURCE = Path(os.environ.get("NOMEN_PERSON_NAMES", ROOT.parent / "shared" / "data" / "person_names.txt"))
SOURCE_SHA256 = "9d6381d55159f471082ecb88446f3f8cffe82eca4ee65ea3a84889dbe75b9e94"

MIN_BRIDGE = 4
MAX_BRIDGE_GROUPS = 40
MAX_CLUSTER = 40
MIN_KEY = 3
PASSES = 4

PATRONYMIC = re.compile(
    r"(овна|евна|ївна|івна|ична|ович|евич|івич|йович|ovna|evna|ivna|ovich|evich|ovych|ovič|ovitch|owitsch|owicz)$"
)
SURNAME_CYRL = re.compile(
    r"(ов|ев|ёв|ова|ева|ёва|ын|ына|ский|ская|ський|ська|цкий|цкая|цький|цька|енко|чук|юк|ук|ович|евич|швили|дзе|ых|их|ян|янц|ски|ска|шин)$"
)
SURNAME_LATN = re.compile(
    r"(sk[iy]j?|skyy|skyi|skaya|ska|ckij?|cki|enko|chuk|czuk|ov|ev|ova|eva|ow|ew|owa|ewa|off|eff|vich|vych|wicz|witsch|dze|shvili|yan|jan)$"
)
DIMINUTIVE = re.compile(r"(ша|ся|ня|ька|енька|онька|ушка|юшка|ик|чик|ьо|ко|ка|уся|юся|ля|тя|дя|ва)$")
FEMININE = ("а", "я", "ия", "иа", "е", "на", "ина", "ка")

# Cyrillic cognate correspondences, applied in this order to a lower-case
# form: (pattern, replacement, how many times; 0 = all).
COGNATE_RULES = [
    (r"['ʼ’ьъ\-]", "", 0),  # signs and apostrophes carry no identity here
    (r"[ёєэ]", "е", 0),  # ru ё, uk є, ru э ~ е
    (r"[іїы]", "и", 0),  # uk і ї, ru ы ~ ru и (Микола / Николай, Ігор / Игорь)
    (r"ґ", "г", 0),
    (r"ў", "в", 0),  # be ў ~ в
    (r"ј", "й", 0),  # sr/mk ј ~ й (Андреј / Андрей)
    (r"(.)\1", r"\1", 0),  # doubled letters (Ілля / Илья)
    (r"^ул", "вл", 1),  # be Уладзімір ~ Владимир
    (r"дз", "д", 0),  # be dzekanne: Дзмітрый ~ Дмитрий
    (r"^о", "а", 1),  # uk Олександр, Олексій ~ ru Александр, Алексей
    (r"оло", "ла", 1),  # uk pleophony Володимир ~ ru Владимир
    (r"оро", "ра", 1),
    (r"(?<=[бвгджзклмнпрстфхцчшщ])я", "е", 0),  # be Аляксандр ~ Александр
    (r"(ий|ей)$", "и", 1),  # uk Андрій, ru Андрей, Юрий
]


def is_cyrillic(form: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in form) and all(
        "\u0400" <= c <= "\u04ff" or c in "'ʼ’-" for c in form
    )


def is_latin(form: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or c in "'ʼ’-" for c in form) and any(
        c.isalpha() for c in form
    )


def skeleton(form: str) -> str:
    s = form.lower()
    for pattern, repl, count in COGNATE_RULES:
        s = re.sub(pattern, repl, s, count=count)
    return s


def looks_like_surname(form: str, rx: re.Pattern[str]) -> bool:
    m = rx.search(form)
    return bool(m) and len(form) - len(m.group(0)) >= 3


def feminine_pair(x: str | None, y: str | None) -> bool:
    """Are x and y a masculine name and its feminine form (александр, александра)?"""
    if x is None or y is None or x == y:
        return False
    if len(x) > len(y):
        x, y = y, x
    if y.startswith(x) and y[len(x):] in FEMININE:
        return True
    return x[-1:] in "ие" and y.startswith(x[:-1]) and y[len(x) - 1:] in ("ия", "ея", "иа", "а", "я")


def read_groups() -> list[tuple[str, list[str]]]:
    data = SOURCE.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{SOURCE}: SHA-256 {digest}, expected {SOURCE_SHA256} (rigour 2.6.1's person_names.txt)")
    groups = []
    for line in data.decode("utf-8").splitlines():
        if " => " not in line:
            continue
        forms, qid = line.rsplit(" => ", 1)
        groups.append((qid.strip(), sorted({f.strip() for f in forms.split(", ") if f.strip()})))
    return groups


def given_name_groups(groups):
    kept, dropped = [], collections.Counter()
    for qid, forms in groups:
        if qid.startswith("X"):
            dropped["hand-made group"] += 1
            continue
        forms = [f for f in forms if not PATRONYMIC.search(f)]
        cyrl = [f for f in forms if is_cyrillic(f)]
        if not cyrl:
            dropped["no Cyrillic form"] += 1
            continue
        ascii_forms = [f for f in forms if f.isascii() and f.isalpha()]
        if any(looks_like_surname(f, SURNAME_CYRL) for f in cyrl) or any(
            looks_like_surname(f, SURNAME_LATN) for f in ascii_forms
        ):
            dropped["surname"] += 1
            continue
        kept.append((qid, forms, cyrl))
    return kept, dropped


def cluster(kept):
    parent = list(range(len(kept)))
    size = [1] * len(kept)
    names = [
        collections.Counter({skeleton(f) for f in cyrl if not DIMINUTIVE.search(f)}) for _, _, cyrl in kept
    ]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def main_names(c: collections.Counter) -> set[str]:
        top = max(c.values(), default=0)
        return {k for k, v in c.items() if v == top}

    def main_name(c: collections.Counter) -> str | None:
        return max(c.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if c else None

    bridges = collections.defaultdict(list)
    for i, c in enumerate(names):
        for s in sorted(c):
            bridges[s].append(i)
    order = sorted(bridges.items(), key=lambda kv: (len(kv[1]), kv[0]))
    refused = collections.Counter()
    for _ in range(PASSES):
        for s, members in order:
            if len(s) < MIN_BRIDGE or len(members) > MAX_BRIDGE_GROUPS:
                continue
            for g in members[1:]:
                a, b = find(members[0]), find(g)
                if a == b:
                    continue
                if size[a] + size[b] > MAX_CLUSTER:
                    refused["size"] += 1
                    continue
                shared = sum(1 for k in names[a] if k in names[b] and len(k) >= MIN_BRIDGE)
                if shared < 2 and not (s in main_names(names[a]) and s in main_names(names[b])):
                    refused["evidence"] += 1
                    continue
                if feminine_pair(main_name(names[a]), main_name(names[b])):
                    refused["feminine"] += 1
                    continue
                parent[a] = b
                size[b] += size[a]
                names[b].update(names[a])
    clusters = collections.defaultdict(list)
    for i in range(len(kept)):
        clusters[find(i)].append(i)
    return list(clusters.values()), refused


def match_keys(forms: list[str]) -> dict[str, str]:
    return dict(zip(forms, common.match_keys(forms)))


def qid_order(qid: str) -> tuple[int, str]:
    return (int(qid[1:]) if qid[1:].isdigit() else 1 << 62, qid)


def main() -> None:
    groups = read_groups()
    kept, dropped = given_name_groups(groups)
    clusters, refused = cluster(kept)
    forms = sorted(
        {
            f
            for _, fs, _ in kept
            for f in fs
            if (is_latin(f) or is_cyrillic(f)) and " " not in f and "-" not in f
        }
    )
    keys = match_keys(forms)
    classes = []
    for members in clusters:
        qid = min((kept[i][0] for i in members), key=qid_order)
        ks = sorted(
            {
                keys[f]
                for i in members
                for f in kept[i][1]
                if f in keys and len(keys[f]) >= MIN_KEY and " " not in keys[f]
            }
        )
        if len(ks) >= 2:
            classes.append((qid, ks))
    classes.sort(key=lambda c: qid_order(c[0]))
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        out.write(
            "# Given-name equivalence classes: the match keys of the forms of one given name in Latin and\n"
            "# Cyrillic spellings of many languages. Columns: class (the smallest Wikidata QID of the joined\n"
            "# groups), keys (space-separated nomen match keys). A key may be in several classes.\n"
            "# generated by tables/gen/given_names.py: do not edit (rerun: bash tables/gen/regenerate.sh)\n"
            f"# source: rigour 2.6.1 person_names.txt (sha256 {SOURCE_SHA256[:16]}…; MIT, data from Wikidata, CC0)\n"
            f"# {len(groups)} groups read; dropped: "
            + ", ".join(f"{v} {k}" for k, v in sorted(dropped.items()))
            + f"; merges refused: "
            + ", ".join(f"{v} {k}" for k, v in sorted(refused.items()))
            + f"; {len(classes)} classes\n"
        )
        out.write("class\tkeys\n")
        for qid, ks in classes:
            out.write(f"{qid}\t{' '.join(ks)}\n")
    print(f"{OUT}: {len(classes)} classes, {sum(len(k) for _, k in classes)} keys", file=sys.stderr)


if __name__ == "__main__":
    main()
