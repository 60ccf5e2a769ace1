"""A plain pyahocorasick extractor: the registry's names (`alias<TAB>id` lines), the longest match at
each place (`iter_long`), kept when it stands between word boundaries. Prints MB/s over three readings.

    python bench/reference_pyahocorasick.py REGISTRY.tsv TEXT
"""

import sys
import time

import ahocorasick

registry, news = sys.argv[1], sys.argv[2]
automaton = ahocorasick.Automaton()
with open(registry, encoding="utf-8") as f:
    for line in f:
        name = line.rstrip("\n").split("\t")[0]
        if name:
            automaton.add_word(name, len(name))
automaton.make_automaton()
with open(news, encoding="utf-8") as f:
    text = f.read()


def boundary(i):
    return i < 0 or i >= len(text) or not text[i].isalnum()


rates = []
for _ in range(3):
    started = time.perf_counter()
    found = sum(1 for end, n in automaton.iter_long(text) if boundary(end - n) and boundary(end + 1))
    rates.append(len(text.encode()) / 1e6 / (time.perf_counter() - started))
print(f"{found} mentions; {min(rates):.1f}-{max(rates):.1f} MB/s")
