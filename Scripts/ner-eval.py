#!/usr/bin/env python3
"""Score a tagger command on a CoNLL file through the `assay tag` interface.

Converts the CoNLL file (token<TAB>tag, blank line = sentence end, -DOCSTART- lines kept as one-token
sentences so document boundaries reach the tagger) to one sentence per line, runs COMMAND with that on
stdin, and scores exact-span precision/recall/F1 per type (conlleval chunking), micro over PER+ORG+LOC and
over all four types. Also reports the child's CPU time (user+sys, resource.getrusage(RUSAGE_CHILDREN)),
wall time and tokens per CPU-second.

With --only-capitals, only sentences written in capitals (two or more tokens, no small ASCII letter:
headlines, datelines) are scored; every sentence is still tagged, so document context is the same.

Usage:
  python3 Scripts/ner-eval.py FILE.conll -- .build/release/assay tag
  python3 Scripts/ner-eval.py FILE.conll --json -- python3 Scripts/spacy-peer.py
  python3 Scripts/ner-eval.py FILE.conll --only-capitals -- .build/release/assay tag
"""
import argparse
import json
import re
import resource
import subprocess
import sys
import time

TYPES = ["PER", "ORG", "LOC", "MISC"]


def read_conll(path):
    sentences, tokens, tags = [], [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cols = line.split()
            if not cols:
                if tokens:
                    sentences.append((tokens, tags))
                tokens, tags = [], []
                continue
            tokens.append(cols[0])
            tags.append(cols[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def spans(tags):
    """Exact spans (start, end, type) with conlleval rules: I-X not continuing X starts a chunk."""
    out, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or label not in TYPES:
            prefix, label = "O", None
        if kind is not None and (prefix == "B" or label != kind):
            out.append((start, i, kind))
            kind = None
        if kind is None and label is not None:
            start, kind = i, label
    return out


def score(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "correct": tp, "predicted": pred, "gold": gold}


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("usage: ner-eval.py FILE.conll [--json] -- COMMAND [ARGS...]")
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only-capitals", action="store_true", help="score only sentences written in capitals")
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]

    sentences = read_conll(args.file)
    stdin = "".join(" ".join(tokens) + "\n" for tokens, _ in sentences).encode("utf-8")
    n_tokens = sum(len(tokens) for tokens, _ in sentences)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    result = subprocess.run(command, input=stdin, stdout=subprocess.PIPE)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"command failed with exit status {result.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    lines = result.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(sentences):
        sys.exit(f"expected {len(sentences)} output lines, got {len(lines)}")

    counts = {t: [0, 0, 0] for t in TYPES}  # tp, pred, gold
    for number, ((tokens, gold), line) in enumerate(zip(sentences, lines), 1):
        predicted = line.split()
        if len(predicted) != len(tokens):
            sys.exit(f"line {number}: {len(tokens)} tokens in, {len(predicted)} tags out")
        if args.only_capitals and (len(tokens) < 2 or re.search("[a-z]", " ".join(tokens))):
            continue
        gold_spans = set(spans(gold))
        for span in spans(predicted):
            counts[span[2]][1] += 1
            if span in gold_spans:
                counts[span[2]][0] += 1
        for span in gold_spans:
            counts[span[2]][2] += 1

    report = {t: score(*counts[t]) for t in TYPES}
    report["micro_PER_ORG_LOC"] = score(*[sum(counts[t][k] for t in ("PER", "ORG", "LOC")) for k in range(3)])
    report["micro_all"] = score(*[sum(counts[t][k] for t in TYPES) for k in range(3)])
    report["tokens"] = n_tokens
    report["cpu_seconds"] = cpu
    report["wall_seconds"] = wall
    report["tokens_per_cpu_second"] = n_tokens / cpu if cpu > 0 else None

    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name in TYPES + ["micro_PER_ORG_LOC", "micro_all"]:
        s = report[name]
        print(f"{name:18} P {100 * s['precision']:6.2f}  R {100 * s['recall']:6.2f}  F1 {100 * s['f1']:6.2f}"
              f"  (gold {s['gold']}, pred {s['predicted']}, correct {s['correct']})")
    tps = report["tokens_per_cpu_second"]
    print(f"{n_tokens} tokens; child CPU {cpu:.3f} s, wall {wall:.3f} s; "
          f"{tps:,.0f} tokens per CPU-second" if tps else f"{n_tokens} tokens; child CPU {cpu:.3f} s")


if __name__ == "__main__":
    main()
