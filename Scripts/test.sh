#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run runs exactly this after installing packages).
# Needs: protoc (protobuf-compiler), protoc-c + libprotobuf-c-dev, zlib1g-dev, pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in protoc protoc-c pkg-config make cc python3 swift; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found; see README.md 'Set-up'" >&2; exit 1; }
done

echo "== the .proto contract compiles"
protoc -IProtos --descriptor_set_out=/dev/null Protos/assay/v1/*.proto

echo "== C client (libassay) against its hostile fake server, plain and under ASan/UBSan/LSan"
make -C Clients/c clean test asan

echo "== Swift tests"
swift build --build-tests
swift test --skip-build --skip AssayBenchTests
# The load generator's tests measure rates and latencies: they run alone and one at a time,
# not beside the CPU-heavy analysis tests.
swift test --skip-build --filter AssayBenchTests --no-parallel

echo "== C client against a real server; C and Swift clients compared"
Scripts/interop.sh .build/debug/assay
