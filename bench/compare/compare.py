"""nomen side by side with the tools users would otherwise pick; run by run.sh.

Every measured run is its own process (time and peak memory are that
process's own, from wait4), tools alternate within each round (A B C A B C
…), and the table reports medians over the rounds. nomen is run through its
CLI with stdin/stdout files; its work time is the run on the input minus the
run on empty input (process start, loading and building the tables), the
same split the peers report for themselves (peers.py times its own loop).

    python compare.py --nomen target/release/nomen --data target/bench-data --out target/compare
"""

import argparse
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import peers  # noqa: E402

MB = 1e6
MIB = 1024 * 1024


# ---- running and timing ------------------------------------------------------


class Run:
    def __init__(self, wall, rss_kb, code, killed, stderr):
        self.wall, self.rss_kb, self.code, self.killed, self.stderr = wall, rss_kb, code, killed, stderr

    @property
    def ok(self):
        return self.code == 0 and not self.killed


def run(cmd, stdin=None, stdout=None, timeout=600, mem_limit=8 << 30):
    """Runs `cmd` once: wall time, the child's own peak RSS, exit code. Kills
    it past `timeout` seconds or `mem_limit` bytes of RSS."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    ferr_path = os.path.join(ARGS.out, "last_stderr.txt")
    ferr = open(ferr_path, "wb")
    # Peak memory through GNU time: a child's ru_maxrss starts from the
    # high-water mark of the process that started it (the kernel keeps it
    # across exec), so wait4 here would report this Python process's peak
    # for every small child. time(1) is small, so its child's figure is its own.
    rss_path = os.path.join(ARGS.out, "last_rss.txt")
    if TIME:
        cmd = [TIME, "-f", "%M", "-o", rss_path, *cmd]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr, start_new_session=True)
    done = threading.Event()
    killed = []

    def watch():
        while not done.wait(0.25):
            rss = 0
            try:
                with open(f"/proc/{p.pid}/task/{p.pid}/children") as fh:
                    pids = [p.pid, *map(int, fh.read().split())]
            except OSError:
                return
            for pid in pids:
                try:
                    with open(f"/proc/{pid}/status") as fh:
                        rss += next((int(l.split()[1]) * 1024 for l in fh if l.startswith("VmRSS:")), 0)
                except OSError:
                    pass
            if rss > mem_limit:
                killed.append(f"over {mem_limit >> 30} GiB")
            elif time.perf_counter() - t0 > timeout:
                killed.append(f"over {timeout} s")
            if killed:
                os.killpg(p.pid, 9)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    p.returncode = os.waitstatus_to_exitcode(status)
    for f in (fin, fout, ferr):
        if hasattr(f, "close"):
            f.close()
    with open(ferr_path, encoding="utf-8", errors="replace") as fh:
        err = fh.read()
    rss = usage.ru_maxrss
    if TIME:
        try:
            with open(rss_path) as fh:
                rss = int(fh.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            rss = 0
    return Run(wall, rss, p.returncode, killed[0] if killed else None, err)


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


class Job:
    """One tool on one input, run once per round."""

    def __init__(self, key, cmd, stdin=None, stdout=None, report=None, rounds=None):
        self.key, self.cmd, self.stdin, self.stdout, self.report = key, cmd, stdin, stdout, report
        self.rounds = rounds
        self.runs, self.reports, self.failed = [], [], None

    def median(self, attr):
        return statistics.median(getattr(r, attr) for r in self.runs) if self.runs else None

    def median_report(self, field):
        values = [r[field] for r in self.reports if field in r]
        return statistics.median(values) if values else None


def alternate(jobs, rounds):
    """Runs every job once per round, in the same order each round."""
    for r in range(rounds):
        for job in jobs:
            if job.failed or (job.rounds is not None and r >= job.rounds):
                continue
            res = run(job.cmd, job.stdin, job.stdout)
            if not res.ok:
                job.failed = res.killed or f"exit {res.code}: {res.stderr.strip()[-300:]}"
                print(f"  {job.key}: FAILED ({job.failed})", file=sys.stderr)
                continue
            job.runs.append(res)
            if job.report:
                with open(job.report) as fh:
                    job.reports.append(json.load(fh))
            print(f"  round {r + 1}: {job.key:<32} {res.wall:8.2f} s {res.rss_kb / 1024:8.1f} MiB", file=sys.stderr)


def py_cmd(*args):
    return [sys.executable, os.path.join(HERE, "peers.py"), *args]


def nomen_cmd(*args):
    return [ARGS.nomen, *args]


def out(name):
    return os.path.join(ARGS.out, name)


# ---- the table ---------------------------------------------------------------

ROWS = []
NOTES = []


def row(task, tool, throughput="—", memory="—", accuracy="—", ratio="—", notes=""):
    ROWS.append((task, tool, throughput, memory, accuracy, ratio, notes))


def mib(kb):
    return f"{kb / 1024:,.0f} MiB" if kb else "—"


def times(x):
    if x is None:
        return "—"
    return f"{x:.2f}×" if x < 10 else f"{x:,.0f}×"


def pct(n, d):
    return f"{100 * n / d:.1f}%" if d else "—"


def missing(package):
    return f"not installed (`pip install {package}` failed)"


# ---- task 1: transliteration throughput ----------------------------------------


def task_translit():
    print("== translit throughput", file=sys.stderr)
    corpus = os.path.join(ARGS.data, "translit_corpus.txt")
    size = os.path.getsize(corpus)
    lines = open(corpus, encoding="utf-8").read().count("\n") + 1
    empty = out("empty.txt")
    jobs = {}
    for key, extra in (("nomen_auto", []), ("nomen_wikipedia", ["--scheme", "wikipedia"])):
        jobs[key] = Job(key, nomen_cmd("translit", *extra), corpus, out(f"translit.{key}.txt"))
        jobs[key + "_empty"] = Job(key + "_empty", nomen_cmd("translit", *extra), empty, out("translit.empty.txt"))
    peer_tools = ["icu_any_latin_ascii", "icu_russian_bgn", "anyascii", "unidecode", "iuliia", "rigour"]
    absent = {}
    for tool in peer_tools:
        package = peers.TRANSLIT[tool][2]
        if not peers.available(package):
            absent[tool] = package
            continue
        jobs[tool] = Job(tool, py_cmd("translit", tool, corpus, out(f"translit.{tool}.txt"), out("report.json")),
                         report=out("report.json"))
    alternate(list(jobs.values()), ARGS.rounds)

    task = f"translit: {size / MB:.1f} MB corpus (ru/uk/el/zh/en), per line"
    speed = {}
    for key in ("nomen_auto", "nomen_wikipedia"):
        full, base = jobs[key], jobs[key + "_empty"]
        if full.failed or base.failed:
            row(task, key, notes=f"failed: {full.failed or base.failed}")
            continue
        work = full.median("wall") - base.median("wall")
        speed[key] = size / work / MB
        got = open(out(f"translit.{key}.txt"), encoding="utf-8").read()
        guard = ""
        if got.count("\n") + 1 != lines:
            guard = f"; OUTPUT HAS {got.count(chr(10)) + 1} LINES, INPUT {lines}"
        if key == "nomen_auto" and any("\u0400" <= c <= "\u04ff" for c in got):
            guard += "; CYRILLIC LEFT IN OUTPUT"
        label = "nomen (auto)" if key == "nomen_auto" else "nomen `--scheme wikipedia`"
        row(task, label, f"{speed[key]:.1f} MB/s", mib(full.median("rss_kb")), ratio="—",
            notes=f"end to end {size / full.median('wall') / MB:.1f} MB/s{guard}")
    for tool in peer_tools:
        label = peers.TRANSLIT[tool][0]
        if tool in absent:
            row(task, label, notes=missing(absent[tool]))
            continue
        job = jobs[tool]
        if job.failed:
            row(task, label, notes=f"failed: {job.failed}")
            continue
        mbs = size / job.median_report("work_s") / MB
        ref = "nomen_wikipedia" if tool in ("icu_russian_bgn", "iuliia") else "nomen_auto"
        ratio = times(speed[ref] / mbs) if ref in speed else "—"
        ratio += " (wikipedia)" if ref == "nomen_wikipedia" else " (auto)"
        row(task, label, f"{mbs:.1f} MB/s", mib(job.median("rss_kb")), ratio=ratio,
            notes=f"end to end {size / job.median('wall') / MB:.1f} MB/s")


# ---- task 2: transliteration exactness -----------------------------------------


def nomen_translit(inputs, *extra):
    src, dst = out("exact.in.txt"), out("exact.out.txt")
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("\n".join(inputs) + "\n")
    res = run(nomen_cmd("translit", *extra), src, dst)
    got = open(dst, encoding="utf-8").read().split("\n")[: len(inputs)]
    if not res.ok or len(got) != len(inputs):
        raise RuntimeError(f"nomen translit {extra}: {res.code} {res.stderr[-300:]}")
    return got


def fold(text):
    """The conformance files' folding: NFKD, no marks, lower case, only [a-z0-9]."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c for c in text if c.isascii() and c.isalnum())


def read_tsv(path):
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in fh if line.strip()]


def task_exact():
    print("== translit exactness", file=sys.stderr)
    # iuliia: 28 schemas' samples. Eight upstream schemas write Cyrillic ё
    # where Latin ë is meant (tests/data/translit/iuliia/NOTICE.txt): both
    # sides are compared with ё read as ë.
    def same(a, b):
        return a.replace("ё", "ë").replace("Ё", "Ë") == b.replace("ё", "ë").replace("Ё", "Ë")

    schemas = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/data/translit/iuliia/*.json"))):
        name = os.path.basename(path)[:-5]
        schemas[name] = [tuple(s) for s in json.load(open(path, encoding="utf-8"))["samples"]]
    n_iuliia = sum(len(s) for s in schemas.values())
    kmu = [(r["input"], r["expected_kmu2010"]) for r in read_tsv(os.path.join(ROOT, "tests/data/translit/cyrillic_uk_kmu2010.tsv"))]
    scripts = {}
    for path in sorted(glob.glob(os.path.join(ARGS.shared, "conformance/scripts/*.tsv"))):
        if "kmu2010" in path:
            continue
        name = os.path.basename(path)[:-4]
        scripts[name] = [(r["input"], r["conventional"]) for r in read_tsv(path)]
    n_scripts = sum(len(v) for v in scripts.values())

    results = {}  # tool -> (iuliia passes, kmu passes, {script: passes})
    # nomen
    iu = 0
    for name, samples in schemas.items():
        got = nomen_translit([s[0] for s in samples], "--scheme", name)
        iu += sum(same(g, s[1]) for g, s in zip(got, samples))
    got = nomen_translit([k[0] for k in kmu], "--scheme", "uk_kmu_2010")
    km = sum(g == k[1] for g, k in zip(got, kmu))
    got_auto = nomen_translit([k[0] for k in kmu])
    km_auto = sum(g == k[1] for g, k in zip(got_auto, kmu))
    per = {}
    for name, rows in scripts.items():
        got = nomen_translit([r[0] for r in rows])
        per[name] = sum(fold(g) == fold(r[1]) for g, r in zip(got, rows))
    results["nomen"] = (iu, km, per, f"KMU in auto mode: {km_auto}/{len(kmu)}")

    def generic(f):
        iu = sum(same(f(s[0]), s[1]) for samples in schemas.values() for s in samples)
        km = sum(f(k[0]) == k[1] for k in kmu)
        per = {name: sum(fold(f(r[0])) == fold(r[1]) for r in rows) for name, rows in scripts.items()}
        return iu, km, per

    labels = {"nomen": "nomen (`--scheme` per vector set; auto for the script files)"}
    for tool in ("icu_any_latin_ascii", "anyascii", "unidecode", "rigour"):
        label, make, package = peers.TRANSLIT[tool]
        labels[tool] = label
        if not peers.available(package):
            results[tool] = missing(package)
            continue
        results[tool] = (*generic(make()), "")
    labels["icu_bgn"] = "PyICU `Russian-Latin/BGN` (iuliia), `Ukrainian-Latin/BGN` (KMU)"
    if peers.available("PyICU"):
        ru = peers.TRANSLIT["icu_russian_bgn"][1]()
        uk = peers.TRANSLIT["icu_ukrainian_bgn"][1]()
        iu = sum(same(ru(s[0]), s[1]) for samples in schemas.values() for s in samples)
        bgn = sum(same(ru(s[0]), s[1]) for s in schemas["bgn_pcgn"])
        km = sum(uk(k[0]) == k[1] for k in kmu)
        results["icu_bgn"] = (iu, km, None, f"bgn_pcgn samples alone: {bgn}/{len(schemas['bgn_pcgn'])}")
    else:
        results["icu_bgn"] = missing("PyICU")
    labels["iuliia"] = "iuliia (the matching schema)"
    if peers.available("iuliia"):
        import iuliia

        iu = sum(
            same(iuliia.schemas.get(name).translate(s[0]), s[1])
            for name, samples in schemas.items()
            for s in samples
        )
        results["iuliia"] = (iu, None, None, "Russian and Uzbek only")
    else:
        results["iuliia"] = missing("iuliia")

    task = (f"translit exactness: iuliia vectors ({n_iuliia}, 28 schemes) · KMU 2010 ({len(kmu)}) · "
            f"{len(scripts)} script files ({n_scripts} names, folded = folded conventional spelling)")
    nomen_scores = results["nomen"]
    for tool, res in results.items():
        if isinstance(res, str):
            row(task, labels[tool], notes=res)
            continue
        iu, km, per, note = res
        parts = [f"iuliia {iu}/{n_iuliia} ({pct(iu, n_iuliia)})"]
        parts.append(f"KMU {km}/{len(kmu)} ({pct(km, len(kmu))})" if km is not None else "KMU n/a")
        sc = sum(per.values()) if per else None
        parts.append(f"scripts {sc}/{n_scripts} ({pct(sc, n_scripts)})" if sc is not None else "scripts n/a")
        ratio = "—"
        if tool != "nomen":
            diffs = []
            for mine, theirs, total, tag in ((nomen_scores[0], iu, n_iuliia, "iuliia"),
                                             (nomen_scores[1], km, len(kmu), "KMU"),
                                             (sum(nomen_scores[2].values()), sc, n_scripts, "scripts")):
                if theirs is not None:
                    diffs.append(f"{100 * (mine - theirs) / total:+.0f} pts {tag}")
            ratio = ", ".join(diffs)
        if tool not in ("nomen", "iuliia", "icu_bgn"):
            note = (note + "; " if note else "") + "one output judged against every scheme"
        row(task, labels[tool], accuracy=" · ".join(parts), ratio=ratio, notes=note)

    # Per script file, for the details file.
    tools = [t for t, r in results.items() if not isinstance(r, str) and r[2]]
    lines = ["| script file | names | " + " | ".join(labels[t].split(" (")[0] for t in tools) + " |",
             "|---|---|" + "---|" * len(tools)]
    for name, rows in scripts.items():
        lines.append(f"| {name} | {len(rows)} | " + " | ".join(str(results[t][2][name]) for t in tools) + " |")
    DETAILS.append(("Transliteration: names whose folded output equals the folded conventional spelling", lines))


# ---- task 3: resolve -----------------------------------------------------------


def best_threshold(records):
    """records: (expected, predicted, score); expected '' for a negative. The
    threshold maximising balanced accuracy: (top-1 accuracy on positives +
    share of negatives rejected) / 2, over every score seen."""
    pos = sum(1 for e, _, _ in records if e)
    neg = len(records) - pos
    ordered = sorted(records, key=lambda r: -r[2])
    best = (0.5, float("inf"))  # accept nothing: 0 + 1, halved
    right = wrong_neg = 0
    i = 0
    while i < len(ordered):
        s = ordered[i][2]
        while i < len(ordered) and ordered[i][2] == s:
            e, p, _ = ordered[i]
            if e and p == e:
                right += 1
            elif not e and p:
                wrong_neg += 1
            i += 1
        value = (right / max(pos, 1) + 1 - wrong_neg / max(neg, 1)) / 2
        if s > 0 and value > best[0]:
            best = (value, s)
    return best[1]


def score_resolve(records, threshold):
    pos = [r for r in records if r[0]]
    neg = [r for r in records if not r[0]]
    right = sum(1 for e, p, s in pos if p == e and s >= threshold)
    false = sum(1 for e, p, s in neg if p and s >= threshold)
    return right, len(pos), false, len(neg)


def task_resolve():
    print("== resolve", file=sys.stderr)
    src = os.path.join(ARGS.shared, "eval/resolve")
    registry = out("registry_dev.tsv")
    with open(registry, "w", encoding="utf-8") as fh:
        fh.write("id\tkind\tname\tlang\ttype\n")
        for r in read_tsv(os.path.join(src, "registry_dev.tsv")):
            kind = "canonical" if r["variant"] == r["canonical_name"] and r["lang_or_script"] == "en" else "alias"
            fh.write(f"{r['entity_id']}\t{r['kind']}\t{r['variant']}\t{r['lang_or_script']}\t{kind}\n")
    queries_tsv = os.path.join(src, "queries_dev.tsv")
    rows = read_tsv(queries_tsv)
    expected = [r["expected_id"] for r in rows]
    queries = out("queries_dev.txt")
    with open(queries, "w", encoding="utf-8") as fh:
        fh.write("".join(r["query"] + "\n" for r in rows))
    base = ["--no-builtin", "--tables", registry]
    jobs = {
        "nomen": Job("nomen", nomen_cmd(*base, "--format", "tsv", "resolve"), queries, out("resolve.nomen.tsv")),
        "nomen_empty": Job("nomen_empty", nomen_cmd(*base, "--format", "tsv", "resolve"), out("empty.txt"),
                           out("resolve.empty.tsv")),
    }
    peer_tools = {"rapidfuzz_wratio": ("rapidfuzz", 1), "rapidfuzz_jarowinkler": ("rapidfuzz", 1),
                  "nomenklatura": ("nomenklatura", ARGS.nomenklatura_every)}
    absent = {}
    for tool, (package, every) in peer_tools.items():
        if not peers.available(package) or not peers.available("rapidfuzz") or not peers.available("anyascii"):
            absent[tool] = package
            continue
        jobs[tool] = Job(tool, py_cmd("resolve", tool, registry, queries_tsv, out(f"resolve.{tool}.tsv"),
                                      out("report.json"), str(every)), report=out("report.json"))
    alternate(list(jobs.values()), ARGS.rounds)

    task = f"resolve: eval/resolve dev set ({len(registry_rows(registry))} aliases, {len(rows)} queries, {sum(1 for e in expected if not e)} negatives)"
    nomen_qps = None
    job, empty = jobs["nomen"], jobs["nomen_empty"]
    if job.failed or empty.failed:
        row(task, "nomen", notes=f"failed: {job.failed or empty.failed}")
    else:
        got = open(out("resolve.nomen.tsv"), encoding="utf-8").read().split("\n")
        records = []
        for e, line in zip(expected, got):
            cols = line.split("\t")
            pred = cols[1] if len(cols) > 1 else ""
            records.append((e, pred, float(cols[4]) if pred else 0.0))
        right, pos, false, neg = score_resolve(records, 0.0)
        nomen_qps = len(rows) / (job.median("wall") - empty.median("wall"))
        row(task, "nomen (default `--min-score 0.8`)", f"{nomen_qps:,.0f} queries/s", mib(job.median("rss_kb")),
            f"top-1 {pct(right, pos)} · false accepts {false}/{neg} ({pct(false, neg)})",
            notes=f"end to end {len(rows) / job.median('wall'):,.0f} queries/s")
        # The same run with every score, to pick nomen's best threshold the
        # way the peers' are picked.
        res = run(nomen_cmd(*base, "--format", "json", "resolve", "--top", "1", "--min-score", "0"), queries,
                  out("resolve.nomen.all.jsonl"))
        if res.ok:
            records = []
            for e, line in zip(expected, open(out("resolve.nomen.all.jsonl"), encoding="utf-8")):
                m = json.loads(line).get("matches") or []
                records.append((e, m[0]["id"], m[0]["score"]) if m else (e, "", 0.0))
            t = best_threshold(records)
            right, pos, false, neg = score_resolve(records, t)
            row(task, f"nomen (best `--min-score` on this set: {t:.2f})", accuracy=(
                f"top-1 {pct(right, pos)} · false accepts {false}/{neg} ({pct(false, neg)})"),
                notes="same index; threshold chosen like the peers'")
    labels = {"rapidfuzz_wratio": "rapidfuzz `WRatio` on anyascii-folded names",
              "rapidfuzz_jarowinkler": "rapidfuzz `JaroWinkler` on anyascii-folded names",
              "nomenklatura": "nomenklatura `logic-v2` on rapidfuzz WRatio top-20"}
    for tool in peer_tools:
        if tool in absent:
            row(task, labels[tool], notes=missing(absent[tool]))
            continue
        job = jobs[tool]
        if job.failed:
            row(task, labels[tool], notes=f"failed: {job.failed}")
            continue
        records = []
        for line in open(out(f"resolve.{tool}.tsv"), encoding="utf-8"):
            n, pred, s = line.rstrip("\n").split("\t")
            records.append((expected[int(n)], pred, float(s)))
        t = best_threshold(records)
        right, pos, false, neg = score_resolve(records, t)
        qps = job.median_report("queries") / job.median_report("work_s")
        note = f"threshold {t:.2f}"
        if tool == "nomenklatura" and ARGS.nomenklatura_every > 1:
            note += f"; sample: every {ARGS.nomenklatura_every}th positive and all negatives ({len(records)} queries)"
        row(task, labels[tool], f"{qps:,.1f} queries/s", mib(job.median("rss_kb")),
            f"top-1 {pct(right, pos)} · false accepts {false}/{neg} ({pct(false, neg)})",
            times(nomen_qps / qps) if nomen_qps else "—", note)


def registry_rows(path):
    return peers.read_aliases(path)


# ---- task 4: extract -----------------------------------------------------------


def read_gold_news():
    gold = set()
    for line in open(os.path.join(ARGS.data, "news_5mb.gold.tsv"), encoding="utf-8"):
        s, e, id_ = line.rstrip("\n").split("\t")
        gold.add((int(s), int(e), id_))
    return gold


def nomen_mentions(path, drop_demonyms=False):
    found = []
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 7 or (drop_demonyms and cols[6] == "demonym"):
            continue
        found.append((int(cols[1]), int(cols[2]), cols[4]))
    return found


def peer_mentions(path):
    found = []
    for line in open(path, encoding="utf-8"):
        s, e, id_ = line.rstrip("\n").split("\t")
        found.append((int(s), int(e), id_))
    return found


def pr(found, gold):
    tp = len(set(found) & gold)
    return tp / max(len(found), 1), tp / max(len(gold), 1)


def task_extract():
    print("== extract", file=sys.stderr)
    news = os.path.join(ARGS.data, "news_5mb.txt")
    size = os.path.getsize(news)
    gold = read_gold_news()
    empty = out("empty.txt")
    available = {t: peers.available(t) for t in ("pyahocorasick", "flashtext")}
    labels = {"pyahocorasick": "pyahocorasick (whole words, leftmost-longest)",
              "flashtext": "flashtext (default: case-insensitive)"}
    for tag in ("100k", "1m"):
        registry = os.path.join(ARGS.data, f"registry_{tag}.tsv")
        n_aliases = len(registry_rows(registry))
        rounds = ARGS.rounds if tag == "100k" else ARGS.rounds_1m
        base = ["--no-builtin", "--tables", registry, "--format", "tsv", "extract"]
        jobs = {
            "nomen": Job(f"nomen_{tag}", nomen_cmd(*base, news), stdout=out(f"extract.{tag}.nomen.tsv")),
            "nomen_empty": Job(f"nomen_{tag}_empty", nomen_cmd(*base, empty), stdout=out("extract.empty.tsv")),
        }
        for tool, ok in available.items():
            if ok:
                jobs[tool] = Job(f"{tool}_{tag}", py_cmd("extract", tool, registry, news,
                                                        out(f"extract.{tag}.{tool}.tsv"), out("report.json")),
                                 report=out("report.json"))
        alternate(list(jobs.values()), rounds)
        task = f"extract: news_5mb ({size / MB:.1f} MB, {len(gold):,} gold mentions), {n_aliases:,} aliases"
        job, base_job = jobs["nomen"], jobs["nomen_empty"]
        nomen_mbs = None
        if job.failed or base_job.failed:
            row(task, "nomen", notes=f"failed: {job.failed or base_job.failed}")
        else:
            load = base_job.median("wall")
            nomen_mbs = size / (job.median("wall") - load) / MB
            p, r = pr(nomen_mentions(out(f"extract.{tag}.nomen.tsv")), gold)
            row(task, "nomen", f"{nomen_mbs:.1f} MB/s", mib(job.median("rss_kb")), f"P {p:.3f} · R {r:.3f}",
                notes=f"load+build {load:.1f} s ({mib(base_job.median('rss_kb'))}); end to end {job.median('wall'):.1f} s")
        for tool in ("pyahocorasick", "flashtext"):
            if not available[tool]:
                row(task, labels[tool], notes=missing(tool))
                continue
            job = jobs[tool]
            if job.failed:
                row(task, labels[tool], notes=f"failed: {job.failed}")
                continue
            mbs = size / job.median_report("work_s") / MB
            p, r = pr(peer_mentions(out(f"extract.{tag}.{tool}.tsv")), gold)
            row(task, labels[tool], f"{mbs:.1f} MB/s", mib(job.median("rss_kb")), f"P {p:.3f} · R {r:.3f}",
                times(nomen_mbs / mbs) if nomen_mbs else "—",
                f"load+build {job.median_report('load_s'):.1f} s; end to end {job.median('wall'):.1f} s")

    # The seed article with its own small registry (demonyms left out on
    # both sides: that registry has none), as tests/seed_article.rs does.
    seed = os.path.join(ROOT, "tests/data/seed_article.txt")
    aliases = os.path.join(ROOT, "tests/data/aliases.tsv")
    gold = set()
    for line in open(os.path.join(ROOT, "tests/data/seed_article.gold.jsonl"), encoding="utf-8"):
        g = json.loads(line)
        if g["kind"] != "demonym":
            gold.add((g["start"], g["end"], g["id"]))
    task = f"extract: seed article, tests/data/aliases.tsv ({len(gold)} non-demonym gold mentions)"
    res = run(nomen_cmd("--no-builtin", "--tables", aliases, "--format", "tsv", "extract", seed),
              stdout=out("seed.nomen.tsv"))
    if res.ok:
        p, r = pr(nomen_mentions(out("seed.nomen.tsv"), drop_demonyms=True), gold)
        row(task, "nomen", accuracy=f"P {p:.3f} · R {r:.3f}")
    else:
        row(task, "nomen", notes=f"failed: exit {res.code}")
    for tool in ("pyahocorasick", "flashtext"):
        if not available[tool]:
            row(task, labels[tool], notes=missing(tool))
            continue
        res = run(py_cmd("extract", tool, aliases, seed, out(f"seed.{tool}.tsv"), out("report.json")))
        if res.ok:
            p, r = pr(peer_mentions(out(f"seed.{tool}.tsv")), gold)
            row(task, labels[tool], accuracy=f"P {p:.3f} · R {r:.3f}")
        else:
            row(task, labels[tool], notes=f"failed: exit {res.code}")


# ---- main ----------------------------------------------------------------------

DETAILS = []


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.machine()}"


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nomen", default=os.path.join(ROOT, "target/release/nomen"))
    ap.add_argument("--data", default=os.path.join(ROOT, "target/bench-data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "target/compare"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rounds-1m", type=int, default=3)
    ap.add_argument("--nomenklatura-every", type=int, default=4,
                    help="score every Nth positive query (and every negative) with nomenklatura")
    ap.add_argument("--tasks", default="translit,exact,resolve,extract")
    ARGS = ap.parse_args()
    os.makedirs(ARGS.out, exist_ok=True)
    open(out("empty.txt"), "w").close()
    started = time.time()
    for t in ARGS.tasks.split(","):
        {"translit": task_translit, "exact": task_exact, "resolve": task_resolve, "extract": task_extract}[t]()

    commit = os.environ.get("NOMEN_DESCRIBE") or subprocess.run(
        ["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout
    versions = ", ".join(f"{p} {peers.available(p) or 'not installed'}" for p in peers.MODULES)
    lines = [
        "| task | tool | throughput | peak memory | accuracy | nomen ÷ peer | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    last = None
    for task, *rest in ROWS:
        lines.append("| " + " | ".join([task if task != last else "", *rest]) + " |")
        last = task
    lines += [
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}; nomen {commit.strip()} (release "
        f"build, CLI, single thread); Python {platform.python_version()}; {versions}. "
        f"Medians of {ARGS.rounds} alternating rounds ({ARGS.rounds_1m} at 1M aliases); "
        f"run took {(time.time() - started) / 60:.0f} min.",
    ]
    table = "\n".join(lines)
    with open(out("table.md"), "w", encoding="utf-8") as fh:
        fh.write(table + "\n")
    with open(out("details.md"), "w", encoding="utf-8") as fh:
        for title, rows in DETAILS:
            fh.write(f"### {title}\n\n" + "\n".join(rows) + "\n\n")
    print(table)
    print(f"\n(table: {out('table.md')}; details: {out('details.md')})")


if __name__ == "__main__":
    main()
