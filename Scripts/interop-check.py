#!/usr/bin/env python3
"""Checks that the C client and the Swift client see the same analysis.

Usage: interop-check.py C_OUTPUT SWIFT_DIR
  C_OUTPUT   lines "<article file>\t<zlib|none>\t<json>" from Clients/c/tests/interop.sh
  SWIFT_DIR  one "<article file>.<zlib|none>.jsonl" per run of `assay analyze --json`
             (one AnalysisEvent per line, protobuf's canonical JSON mapping)

For every article and mode it reduces the Swift summary event to the C client's --json shape
(entities sorted by id: id, name, type, mention count; risk scores sorted by category number:
category, score) and requires equality. Exits 1 on any difference, printing it.
"""
import json
import os
import sys

RISK_ORDER = {
    "RISK_CATEGORY_UNSPECIFIED": 0,
    "RISK_CATEGORY_TRADE_RESTRICTION": 1,
    "RISK_CATEGORY_SUPPLY_CONCENTRATION": 2,
    "RISK_CATEGORY_GEOPOLITICAL_TENSION": 3,
    "RISK_CATEGORY_SECURITY_AND_DEFENCE": 4,
    "RISK_CATEGORY_MARKET_DISRUPTION": 5,
}


def reduce_swift(path):
    summary = None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            event = json.loads(line)
            if "summary" in event:
                summary = event["summary"]
    if summary is None:
        raise ValueError(f"{path}: no summary event")
    entities = sorted(
        (
            {
                "id": e.get("id", ""),
                "name": e.get("name", ""),
                "type": e.get("type", "ENTITY_TYPE_UNSPECIFIED"),
                "mentions": len(e.get("mentions", [])),
            }
            for e in summary.get("entities", [])
        ),
        key=lambda e: e["id"].encode("utf-8"),
    )
    risk = sorted(
        (
            {"category": r.get("category", "RISK_CATEGORY_UNSPECIFIED"), "score": int(r.get("score", 0))}
            for r in summary.get("riskScores", [])
        ),
        key=lambda r: RISK_ORDER.get(r["category"], 99),
    )
    return {"entities": entities, "risk": risk}


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    c_output, swift_dir = sys.argv[1], sys.argv[2]
    failures = 0
    compared = 0
    with open(c_output, encoding="utf-8") as lines:
        for line in lines:
            name, mode, payload = line.rstrip("\n").split("\t", 2)
            c_result = json.loads(payload)
            swift_path = os.path.join(swift_dir, f"{name}.{mode}.jsonl")
            try:
                swift_result = reduce_swift(swift_path)
            except (OSError, ValueError) as error:
                print(f"interop: {name} ({mode}): {error}", file=sys.stderr)
                failures += 1
                continue
            compared += 1
            if c_result != swift_result:
                failures += 1
                print(f"interop: {name} ({mode}): C and Swift clients disagree", file=sys.stderr)
                print(f"  C:     {json.dumps(c_result, sort_keys=True)[:2000]}", file=sys.stderr)
                print(f"  Swift: {json.dumps(swift_result, sort_keys=True)[:2000]}", file=sys.stderr)
            else:
                print(f"interop: {name} ({mode}): {len(c_result['entities'])} entities, "
                      f"{len(c_result['risk'])} risk scores — identical")
    if compared == 0:
        print("interop: nothing compared", file=sys.stderr)
        return 1
    print(f"interop: {compared} runs compared, {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
