#!/usr/bin/env bash
# The C client against a real `assay serve`, and the C and Swift clients compared.
#   Scripts/interop.sh [path/to/assay]      (default .build/debug/assay; run after swift build)
# 1. starts `assay serve` on a free loopback port with --metrics-port (and a second one with an
#    API-key file);
# 2. runs the C client's real-server scenarios (cancel mid-stream, deadline, wrong key);
# 3. analyses every Examples/articles/*.txt through the C client and the Swift CLI, with and
#    without compression, and requires identical entities (ids, names, types, mention counts)
#    and risk scores (Scripts/interop-check.py);
#    and checks the first server's Prometheus metrics count that work;
# 4. sends SIGTERM to the server while the C client streams a long article: the stream was
#    opened before the GOAWAY, so it must still complete, and the server must exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."
assay="${1:-.build/debug/assay}"
[[ -x "$assay" ]] || { echo "interop: $assay not found; run swift build first" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Starts `assay serve` on a free port with extra arguments; sets $started_addr and $started_pid.
start_server() {
    local log="$work/server-$RANDOM.log"
    started_log="$log"
    "$assay" serve --host 127.0.0.1 --port 0 "$@" 2>"$log" &
    started_pid=$!
    pids+=("$started_pid")
    for _ in $(seq 1 300); do
        if started_addr="$(grep -o 'listening on [0-9.]*:[0-9]*' "$log" | head -1 | awk '{print $3}')" \
            && [[ -n "$started_addr" ]]; then
            return 0
        fi
        kill -0 "$started_pid" 2>/dev/null || { cat "$log" >&2; echo "interop: server exited" >&2; exit 1; }
        sleep 0.1
    done
    cat "$log" >&2
    echo "interop: server did not start" >&2
    exit 1
}

make -s -C Clients/c all

start_server --metrics-port 0
addr="$started_addr"
metrics_url="$(grep -o 'http://[0-9.:]*/metrics' "$started_log" | head -1)"
echo "agreed-key" > "$work/keys"
start_server --api-keys "$work/keys"
keyed_port="${started_addr##*:}"

echo "== C client scenarios against $addr"
Clients/c/build/real_server_test "$addr" "$keyed_port"

echo "== C and Swift clients on the example articles"
Clients/c/tests/interop.sh "$addr" > "$work/c.tsv"
mkdir -p "$work/swift"
for article in Examples/articles/*.txt; do
    name="$(basename "$article")"
    "$assay" analyze --server "$addr" --json "$article" > "$work/swift/$name.zlib.jsonl"
    "$assay" analyze --server "$addr" --json --no-compression "$article" > "$work/swift/$name.none.jsonl"
done
python3 Scripts/interop-check.py "$work/c.tsv" "$work/swift"

echo "== Prometheus metrics of that server"
python3 - "$metrics_url" <<'PY'
import re, sys, urllib.request
text = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode()
value = lambda name: sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))
analysed = value("assay_articles_analysed_total")
ok = float(re.search(r'^assay_stream_status_total\{code="OK"\} (\S+)$', text, re.M).group(1))
sent = value("assay_bytes_sent_total")
assert analysed >= 24, f"assay_articles_analysed_total is {analysed}, expected at least 24"
assert ok >= 24 and sent > 0, (ok, sent)
print(f"ok - metrics: {analysed:.0f} articles analysed, {ok:.0f} streams OK, {sent:.0f} bytes sent")
PY

echo "== GOAWAY during a stream: SIGTERM while the C client streams"
start_server
drain_addr="$started_addr"
drain_pid="$started_pid"
python3 - "$work/long.txt" <<'PY'
import sys
body = "\n".join(f"Paragraph {i}: China tightened gallium export controls as Washington weighed tariffs on rare earths."
                 for i in range(600))
open(sys.argv[1], "w").write("A long article\n\n" + body + "\n")
PY
Clients/c/build/assay-c-analyze --server "$drain_addr" --json "$work/long.txt" > "$work/drain.json" &
client_pid=$!
sleep 0.3
kill -TERM "$drain_pid"
if wait "$client_pid"; then
    echo "ok - the stream opened before GOAWAY completed ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entities"]))' "$work/drain.json") entities)"
else
    echo "FAIL - the C client's stream did not complete during the drain" >&2
    exit 1
fi
if wait "$drain_pid"; then
    echo "ok - the server drained and exited 0"
else
    echo "FAIL - the server did not exit cleanly after SIGTERM" >&2
    exit 1
fi
echo "interop: all checks passed"
