#!/usr/bin/env python3
"""Count the expected names a tagger command finds in a probe (`docs/probes/*.txt`).

A probe is one sentence per line, tokens separated by spaces, as `assay tag` reads it. The expected
file lists one name per line as `LABEL<TAB>tokens` ("ORG<TAB>Merrill Lynch & Co"); a name counts as
found when the command tags those tokens as one span of that label somewhere in the probe (exact
span). Prints "found / expected" and each name missed.

Usage:
  python3 Scripts/probe-count.py docs/probes/business.txt docs/probes/business.expected -- .build/release/assay tag
"""
import subprocess
import sys


def spans(words, tags):
    """The (label, text) spans of one line's BIO tags."""
    out, current = [], None
    for word, tag in zip(words, tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
            if current:
                out.append(current)
            current = (tag[2:], [word])
        elif tag.startswith("I-"):
            current[1].append(word)
        else:
            if current:
                out.append(current)
            current = None
    if current:
        out.append(current)
    return {(label, " ".join(ws)) for label, ws in out}


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit("usage: probe-count.py PROBE EXPECTED -- COMMAND...")
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    expected = []
    with open(sys.argv[2], encoding="utf-8") as f:
        for number, row in enumerate(f, 1):
            if not row.strip():
                continue
            label, _, name = row.rstrip("\n").partition("\t")
            if not name:
                sys.exit(f"{sys.argv[2]}:{number}: expected LABEL<TAB>name")
            expected.append((label, name))
    result = subprocess.run(sys.argv[4:], input="\n".join(lines) + "\n", capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {result.stderr.strip()}")
    tagged = result.stdout.rstrip("\n").split("\n")
    if len(tagged) != len(lines):
        sys.exit(f"command wrote {len(tagged)} lines for {len(lines)}")
    found = set()
    for line, tags in zip(lines, tagged):
        found |= spans(line.split(), tags.split())
    missed = [e for e in expected if e not in found]
    print(f"{len(expected) - len(missed)} / {len(expected)}")
    for label, name in missed:
        print(f"  missed {label} {name}")


if __name__ == "__main__":
    main()
