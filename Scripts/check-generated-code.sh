#!/usr/bin/env bash
# Regenerates the code derived from Protos/ and fails if it differs from what is committed.
# Needs protoc-gen-swift (see generate-protos.sh); CI runs only the cheaper descriptor check.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/generate-protos.sh
git diff --exit-code -- Sources/AssayProtocol/Generated Clients/c/generated
test -z "$(git status --porcelain -- Sources/AssayProtocol/Generated Clients/c/generated)"
echo "generated code is up to date"
