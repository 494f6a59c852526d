#!/usr/bin/env python3
"""Builds a directory of articles for EngineProfile from CoNLL files: text the engine was not tuned on.

Usage: Benchmarks/Scripts/make-web-articles.py OUTPUT_DIR [DATA_DIR]
Reads uner_en/dev.conll, wikigold/dev.conll and uner_en/train.conll under DATA_DIR
(default ../shared/data/ner next to the repository) and writes a0000.txt, a0001.txt, ...: 40 sentences
to an article, the first as its title line, the rest in paragraphs of 4, tokens joined with light
detokenisation. Deterministic. Then: .build/release/EngineProfile entities 4 OUTPUT_DIR
"""
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_SPEC = importlib.util.spec_from_file_location("ner_eval", os.path.join(ROOT, "Scripts", "ner-eval.py"))
ner_eval = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(ner_eval)


def sentences(path):
    """The token lists of a CoNLL file's sentences (Scripts/ner-eval.py's reader), without the
    -DOCSTART- lines, which are not text."""
    return [tokens for tokens, _ in ner_eval.read_conll(path) if tokens != ["-DOCSTART-"]]


def detokenise(tokens):
    text = " ".join(tokens)
    for mark in [" ,", " .", " ;", " :", " ?", " !", " 's", " n't", " )"]:
        text = text.replace(mark, mark[1:])
    return text.replace("( ", "(")


def main():
    output = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "data", "ner")
    os.makedirs(output, exist_ok=True)
    count = 0
    for name in ["uner_en/dev.conll", "wikigold/dev.conll", "uner_en/train.conll"]:
        all_sentences = sentences(os.path.join(data, name))
        for start in range(0, len(all_sentences), 40):
            chunk = all_sentences[start:start + 40]
            paragraphs = [" ".join(detokenise(s) for s in chunk[i:i + 4]) for i in range(1, len(chunk), 4)]
            with open(os.path.join(output, f"a{count:04d}.txt"), "w", encoding="utf-8") as file:
                file.write(detokenise(chunk[0]) + "\n" + "\n\n".join(paragraphs) + "\n")
            count += 1
    print(f"{count} articles in {output}")


if __name__ == "__main__":
    main()
