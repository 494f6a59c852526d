#!/usr/bin/env bash
# Interop run against a real `assay serve`:
#   tests/interop.sh HOST:PORT
# For every Examples/articles/*.txt (or $ARTICLES_DIR/*.txt) runs
# `assay-c-analyze --json` with and without compression and prints one line per run:
#   <file name><TAB><zlib|none><TAB><json>
# The two runs of each article must give identical JSON. Exits non-zero on any
# failure (no articles, a failed run, a mismatch). $ASSAY_API_KEY is passed on
# by assay-c-analyze itself; $ASSAY_C_ANALYZE overrides the binary.
set -euo pipefail
addr="${1:?usage: $0 HOST:PORT}"
here="$(cd "$(dirname "$0")" && pwd)"
client_dir="$(dirname "$here")"
repo="$(cd "$client_dir/../.." && pwd)"
articles_dir="${ARTICLES_DIR:-$repo/Examples/articles}"
cli="${ASSAY_C_ANALYZE:-$client_dir/build/assay-c-analyze}"

if [[ ! -x "$cli" ]]; then
    make -s -C "$client_dir" >&2
fi

shopt -s nullglob
files=("$articles_dir"/*.txt)
if ((${#files[@]} == 0)); then
    echo "interop: no articles found in $articles_dir" >&2
    exit 1
fi

failures=0
for f in "${files[@]}"; do
    name="$(basename "$f")"
    declare -A got=()
    for mode in zlib none; do
        flag=()
        [[ "$mode" == none ]] && flag=(--no-compression)
        if out="$("$cli" --server "$addr" --json --deadline 60 "${flag[@]}" "$f")"; then
            printf '%s\t%s\t%s\n' "$name" "$mode" "$out"
            got[$mode]="$out"
        else
            rc=$?
            echo "interop: FAILED $name ($mode): exit $rc" >&2
            failures=$((failures + 1))
        fi
    done
    if [[ -n "${got[zlib]:-}" && -n "${got[none]:-}" && "${got[zlib]}" != "${got[none]}" ]]; then
        echo "interop: MISMATCH $name: compressed and uncompressed results differ" >&2
        failures=$((failures + 1))
    fi
    unset got
done

if ((failures > 0)); then
    echo "interop: $failures failure(s) over ${#files[@]} article(s)" >&2
    exit 1
fi
echo "interop: ${#files[@]} article(s) x 2 modes OK" >&2
