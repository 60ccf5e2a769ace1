"""The tools nomen is compared with, each run as its own process by compare.py.

    python peers.py translit TOOL INPUT OUTPUT REPORT
    python peers.py resolve  TOOL REGISTRY QUERIES OUTPUT REPORT [EVERY]
    python peers.py extract  TOOL REGISTRY TEXT OUTPUT REPORT

REGISTRY is an alias table in nomen's format (`id kind name ...` with a header).
Each command writes its results to OUTPUT and one JSON object to REPORT:
{"load_s": loading and building, "work_s": the measured loop}. compare.py
also imports this module for the exactness task (TRANSLIT, available()).
"""

import json
import sys
import time

# ---- transliteration ---------------------------------------------------------


def _icu(transform):
    def make():
        import icu

        t = icu.Transliterator.createInstance(transform)
        return t.transliterate

    return make


def _anyascii():
    from anyascii import anyascii

    return anyascii


def _unidecode():
    from unidecode import unidecode

    return unidecode


def _iuliia(schema="wikipedia"):
    def make():
        import iuliia

        return iuliia.schemas.get(schema).translate

    return make


def _rigour():
    from rigour.text.translit import ascii_text

    return ascii_text


# tool name -> (label, factory of a str -> str function, package)
TRANSLIT = {
    "icu_any_latin_ascii": ("PyICU `Any-Latin; Latin-ASCII`", _icu("Any-Latin; Latin-ASCII"), "PyICU"),
    "icu_russian_bgn": ("PyICU `Russian-Latin/BGN`", _icu("Russian-Latin/BGN"), "PyICU"),
    "icu_ukrainian_bgn": ("PyICU `Ukrainian-Latin/BGN`", _icu("Ukrainian-Latin/BGN"), "PyICU"),
    "anyascii": ("anyascii", _anyascii, "anyascii"),
    "unidecode": ("unidecode", _unidecode, "unidecode"),
    "iuliia": ("iuliia (`wikipedia`)", _iuliia(), "iuliia"),
    "rigour": ("rigour `ascii_text`", _rigour, "rigour"),
}

MODULES = {
    "PyICU": "icu",
    "anyascii": "anyascii",
    "unidecode": "unidecode",
    "iuliia": "iuliia",
    "rigour": "rigour",
    "rapidfuzz": "rapidfuzz",
    "nomenklatura": "nomenklatura",
    "pyahocorasick": "ahocorasick",
    "flashtext": "flashtext",
}


def available(package):
    """The version of an installed peer package, or None."""
    try:
        __import__(MODULES[package])
    except Exception:
        return None
    from importlib.metadata import version

    try:
        return version(package)
    except Exception:
        return "?"


def translit(tool, src, dst, report):
    t0 = time.perf_counter()
    f = TRANSLIT[tool][1]()
    with open(src, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    t1 = time.perf_counter()
    out = [f(line) for line in lines]
    t2 = time.perf_counter()
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    _report(report, t1 - t0, t2 - t1)


# ---- alias tables ------------------------------------------------------------


def read_aliases(path):
    """(id, kind, name) rows of an alias table in nomen's format."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = {c: i for i, c in enumerate(cols)}
                continue
            kind = cols[header["kind"]] if "kind" in header else cols[header["id"]].split(":")[0]
            rows.append((cols[header["id"]], kind, cols[header["name"]]))
    return rows


# ---- resolve -----------------------------------------------------------------


def fold(text):
    from anyascii import anyascii

    return " ".join(anyascii(text).lower().split())


def resolve(tool, registry, queries, dst, report, every=1):
    """Best entity and score for each query (every `every`-th positive and
    every negative when sampling: the queries file is the eval TSV)."""
    t0 = time.perf_counter()
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler

    rows = read_aliases(registry)
    ids = [r[0] for r in rows]
    choices = [fold(r[2]) for r in rows]
    with open(queries, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        qi, ei = header.index("query"), header.index("expected_id")
        records = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    picked = [
        (n, r[qi]) for n, r in enumerate(records) if every <= 1 or not r[ei] or n % every == 0
    ]
    if tool == "nomenklatura":
        import itertools

        from followthemoney import model
        from nomenklatura.matching import LogicV2, ScoringConfig

        counter = itertools.count()
        config = ScoringConfig.defaults()
        names, kinds = {}, {}
        for id_, kind, name in rows:
            names.setdefault(id_, []).append(name)
            kinds[id_] = kind

        def schema_of(id_):
            return "Person" if kinds[id_] == "person" else "LegalEntity"

        def proxy(schema, values):
            e = model.make_entity(schema)
            e.id = f"e{next(counter)}"  # logic-v2 caches by entity id
            for v in values:
                e.add("name", v)
            return e

        entities = {id_: proxy(schema_of(id_), ns) for id_, ns in names.items()}
    t1 = time.perf_counter()
    out = []
    for n, query in picked:
        q = fold(query)
        best, score = "", 0.0
        if q and tool == "rapidfuzz_wratio":
            hit = process.extractOne(q, choices, scorer=fuzz.WRatio, processor=None)
            if hit:
                best, score = ids[hit[2]], hit[1] / 100
        elif q and tool == "rapidfuzz_jarowinkler":
            hit = process.extractOne(q, choices, scorer=JaroWinkler.normalized_similarity, processor=None)
            if hit:
                best, score = ids[hit[2]], hit[1]
        elif tool == "nomenklatura":
            seen = []
            for _, _, i in process.extract(q, choices, scorer=fuzz.WRatio, processor=None, limit=20) if q else []:
                if ids[i] not in seen:
                    seen.append(ids[i])
            qproxies = {}
            for id_ in seen:
                schema = schema_of(id_)
                if schema not in qproxies:
                    qproxies[schema] = proxy(schema, [query])
                s = LogicV2.compare(qproxies[schema], entities[id_], config).score
                if s > score:
                    best, score = id_, s
        out.append(f"{n}\t{best}\t{score:.6f}")
    t2 = time.perf_counter()
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    _report(report, t1 - t0, t2 - t1, queries=len(picked))


# ---- extract -----------------------------------------------------------------


def _boundary(text, i):
    return i < 0 or i >= len(text) or not text[i].isalnum()


def extract(tool, registry, src, dst, report):
    """Mentions as `start end id` (UTF-8 byte offsets, end exclusive)."""
    t0 = time.perf_counter()
    rows = read_aliases(registry)
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    if tool == "pyahocorasick":
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for id_, _, name in rows:
            if name not in automaton:
                automaton.add_word(name, (len(name), id_))
        automaton.make_automaton()
    else:
        from flashtext import KeywordProcessor

        processor = KeywordProcessor()
        for id_, _, name in rows:
            processor.add_keyword(name, id_)
    t1 = time.perf_counter()
    if tool == "pyahocorasick":
        # Whole words only, then leftmost-longest without overlaps.
        found = []
        for last, (n, id_) in automaton.iter(text) if text else []:
            start = last - n + 1
            if _boundary(text, start - 1) and _boundary(text, last + 1):
                found.append((start, last + 1, id_))
        found.sort(key=lambda m: (m[0], -m[1]))
        mentions, end = [], 0
        for m in found:
            if m[0] >= end:
                mentions.append(m)
                end = m[1]
    else:
        mentions = [(s, e, id_) for id_, s, e in processor.extract_keywords(text, span_info=True)]
    t2 = time.perf_counter()
    # Character offsets to UTF-8 byte offsets (outside the measured loop).
    points = sorted({p for m in mentions for p in m[:2]})
    to_byte, pos, byte = {}, 0, 0
    for p in points:
        byte += len(text[pos:p].encode("utf-8"))
        pos = p
        to_byte[p] = byte
    with open(dst, "w", encoding="utf-8") as fh:
        for s, e, id_ in mentions:
            fh.write(f"{to_byte[s]}\t{to_byte[e]}\t{id_}\n")
    _report(report, t1 - t0, t2 - t1, mentions=len(mentions))


def _report(path, load, work, **extra):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"load_s": load, "work_s": work, **extra}, fh)


if __name__ == "__main__":
    task, tool, *args = sys.argv[1:]
    if task == "translit":
        translit(tool, *args)
    elif task == "resolve":
        resolve(tool, *args[:4], every=int(args[4]) if len(args) > 4 else 1)
    elif task == "extract":
        extract(tool, *args)
    else:
        sys.exit(f"unknown task {task}")
