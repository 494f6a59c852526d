#!/usr/bin/env bash
# End-to-end checks of assay-c-analyze against the fake server of test_hostile
# (its --serve mode): exit codes, --json output, article splitting, options.
#   tests/cli_test.sh path/to/assay-c-analyze [path/to/test_hostile]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="${1:?usage: $0 ASSAY_C_ANALYZE [TEST_HOSTILE]}"
srv="${2:-$(dirname "$cli")/test_hostile}"
[[ -x "$cli" && -x "$srv" ]] || { echo "cli_test: need $cli and $srv (run make first)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

check() { # name, condition-result
    n=$((n + 1))
    if [[ "$2" == 0 ]]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fail=1; fi
}

# start_server SCENARIO: runs the fake server in the background, sets $port and $srv_out
start_server() {
    srv_out="$tmp/server-${1// /-}.out"
    # shellcheck disable=SC2086 # "$1" may carry a connection count
    "$srv" --serve $1 >"$srv_out" 2>&1 &
    srv_pid=$!
    for _ in $(seq 1 100); do
        port="$(sed -n 's/^port \([0-9]*\)$/\1/p' "$srv_out" 2>/dev/null | head -1)"
        [[ -n "$port" ]] && return 0
        sleep 0.05
    done
    echo "fake server did not start" >&2
    exit 1
}
finish_server() { wait "$srv_pid"; srv_rc=$?; }

run() { # args...: sets rc, out, err
    "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out="$(cat "$tmp/out")"
    err="$(cat "$tmp/err")"
}

article="$here/fixtures/article.txt"

run;                                   check "no FILE -> exit 2" $([[ $rc == 2 && "$err" == *"no FILE"* ]]; echo $?)
run --bogus "$article";                check "unknown option -> exit 2" $([[ $rc == 2 ]]; echo $?)
run --server nocolon "$article";       check "bad --server -> exit 2" $([[ $rc == 2 ]]; echo $?)
run --deadline -1 "$article";          check "bad --deadline -> exit 2" $([[ $rc == 2 ]]; echo $?)
run "$tmp/missing.txt";                check "unreadable FILE -> exit 2" $([[ $rc == 2 ]]; echo $?)
run --server 127.0.0.1:1 "$article";   check "unreachable -> exit 3, one stderr line" $([[ $rc == 3 && $(wc -l <"$tmp/err") == 1 && "$err" == *"cannot connect"* ]]; echo $?)
run --help;                            check "--help -> exit 0" $([[ $rc == 0 && "$out" == usage:* ]]; echo $?)

start_server ok
run --server "127.0.0.1:$port" --api-key k3y --json "$article"
finish_server
want='{"entities":[{"id":"country:CN","name":"China","type":"ENTITY_TYPE_LOCATION","mentions":2},{"id":"person:xi-jinping","name":"Xi \"Jinping\" 习","type":"ENTITY_TYPE_PERSON","mentions":1}],"risk":[{"category":"RISK_CATEGORY_TRADE_RESTRICTION","score":72},{"category":"RISK_CATEGORY_GEOPOLITICAL_TENSION","score":40}]}'
check "--json output, sorted, escaped" $([[ $rc == 0 && "$out" == "$want" ]]; echo $?)
[[ "$out" == "$want" ]] || { echo "  got:  $out"; echo "  want: $want"; echo "  stderr: $err"; }
check "headline/body split, api key sent, PONG" $(grep -q 'request title=\[China tightens gallium export controls\] body_len=148 compressed=0 accepts_zlib=1 auth=\[k3y\] timeout_ms=0 cancels=0 pongs=1' "$srv_out"; echo $?)
check "fake server satisfied" $([[ $srv_rc == 0 ]]; echo $?)
[[ $srv_rc == 0 ]] || cat "$srv_out"

start_server ok
ASSAY_SERVER="127.0.0.1:$port" run --no-compression --deadline 5 "$here/fixtures/body-only.txt"
finish_server
check "text output via ASSAY_SERVER" $([[ $rc == 0 && "$out" == *"China"*"LOCATION"*"mentions 2"* && "$out" == *"TRADE_RESTRICTION"*"72/100"*"export controls"* ]]; echo $?)
check "no blank line: all body; --no-compression; --deadline" $(grep -q 'request title=\[\] body_len=63 compressed=0 accepts_zlib=0 auth=\[\] timeout_ms=5000' "$srv_out"; echo $?)

start_server status
run --server "127.0.0.1:$port" "$article"
finish_server
check "server STATUS error -> exit 1, one line" $([[ $rc == 1 && $(wc -l <"$tmp/err") == 1 && "$err" == *DEADLINE_EXCEEDED* ]]; echo $?)

start_server unauth
run --server "127.0.0.1:$port" --api-key wrong "$article"
finish_server
check "UNAUTHENTICATED -> exit 1" $([[ $rc == 1 && "$err" == *UNAUTHENTICATED* ]]; echo $?)

start_server silent
run --server "127.0.0.1:$port" --deadline 0.3 "$article"
finish_server
check "client deadline -> exit 1" $([[ $rc == 1 && "$err" == *ASSAY_ERR_DEADLINE_EXCEEDED* ]]; echo $?)

start_server goaway
run --server "127.0.0.1:$port" "$article"
finish_server
check "GOAWAY -> exit 1" $([[ $rc == 1 && "$err" == *ASSAY_ERR_GOAWAY* ]]; echo $?)

start_server bomb
run --server "127.0.0.1:$port" "$article"
finish_server
check "zip bomb -> exit 1 TOO_LARGE" $([[ $rc == 1 && "$err" == *ASSAY_ERR_TOO_LARGE* ]]; echo $?)

# tests/interop.sh against the fake server (2 articles x 2 modes = 4 connections)
start_server "ok 4"
ARTICLES_DIR="$here/fixtures" ASSAY_C_ANALYZE="$cli" "$here/interop.sh" "127.0.0.1:$port" >"$tmp/interop" 2>"$tmp/interop.err"
rc=$?
finish_server
check "interop.sh runs every article with and without compression" $([[ $rc == 0 && $(wc -l <"$tmp/interop") == 4 && $(grep -c $'\tzlib\t{' "$tmp/interop") == 2 ]]; echo $?)
ARTICLES_DIR="$here/fixtures" ASSAY_C_ANALYZE="$cli" "$here/interop.sh" 127.0.0.1:1 >/dev/null 2>&1
check "interop.sh fails when the server is unreachable" $([[ $? != 0 ]]; echo $?)

echo "cli_test: $n checks, $([[ $fail == 0 ]] && echo all passed || echo FAILURES)"
exit $fail
