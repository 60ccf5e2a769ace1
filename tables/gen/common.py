"""Shared helpers of the table generators in tables/gen/ (Python 3.11).

Nothing here reaches the network or depends on the clock: every generator's
output is a function of its pinned source packages and of the hand tables it
reads, so rerunning a generator on the same versions gives the same bytes.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import unicodedata
from pathlib import Path

TABLES = Path(__file__).resolve().parent.parent
ENTITIES = TABLES / "entities"


def match_keys(names: list[str]) -> list[str]:
    """Match keys of `names`, from `nomen normalize` (one line in, one out);
    the binary is $NOMEN_BIN, else target/release/nomen."""
    binary = os.environ.get("NOMEN_BIN", str(TABLES.parent / "target" / "release" / "nomen"))
    out = subprocess.run(
        [binary, "--no-builtin", "--format", "tsv", "normalize"],
        input="\n".join(names) + "\n", capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    result = [line.split("\t")[-1] if "\t" in line else "" for line in out[: len(names)]]
    assert len(result) == len(names), "nomen normalize: one output line per input line"
    return result


def fold(name: str) -> str:
    """The comparison form used for de-duplication: NFC, then case-folded."""
    return unicodedata.normalize("NFC", name).casefold()


def version(package: str) -> str:
    return importlib.metadata.version(package)


def ascii_slug(name: str) -> str:
    """Lowercase ASCII words joined by `-` (DESIGN §2): marks are stripped
    after NFKD, a few letters without a decomposition are spelled out, any
    other character separates words."""
    special = {
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ʻ": "", "ʼ": "", "'": "", "’": "", "`": "", "ʿ": "", "ʾ": "",
    }
    out = []
    for ch in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(ch):
            continue
        ch = special.get(ch, ch)
        if ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        elif ch:
            out.append(" ")
    words = "".join(out).split()
    return "-".join(words)


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of an alias table (comments skipped) as dicts keyed by the header."""
    rows = []
    header = None
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            rows.append(dict(zip(header, fields)))
    return rows


def write_table(path: Path, header_lines: list[str], columns: list[str], rows: list[list[str]]) -> None:
    for row in rows:
        assert len(row) == len(columns), row
        for field in row:
            assert "\t" not in field and "\n" not in field, row
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in header_lines:
            f.write(f"# {line}\n" if line else "#\n")
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")

