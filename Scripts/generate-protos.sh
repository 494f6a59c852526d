#!/usr/bin/env bash
# Regenerates every file derived from Protos/: the Swift messages in
# Sources/AssayProtocol/Generated and the protobuf-c sources in Clients/c/generated.
#
# Needs protoc (Debian protobuf-compiler), protoc-c (Debian protobuf-c-compiler) and
# swift-protobuf's protoc-gen-swift. Build the plugin once, outside CI (~1–10 min):
#   git clone /opt/swift-packages/apple/swift-protobuf.git /tmp/swift-protobuf
#   git -C /tmp/swift-protobuf checkout 1.39.0
#   (cd /tmp/swift-protobuf && swift build -c release --product protoc-gen-swift)
# then run this script with PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift
# (or with protoc-gen-swift on PATH). The plugin version must match the swift-protobuf
# version in Package.swift.
set -euo pipefail
cd "$(dirname "$0")/.."

plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [[ -z "$plugin" || ! -x "$plugin" ]]; then
    echo "error: protoc-gen-swift not found; set PROTOC_GEN_SWIFT (see the comment at the top of $0)" >&2
    exit 1
fi

protos=(Protos/assay/v1/wire.proto Protos/assay/v1/assay.proto)

swift_out=Sources/AssayProtocol/Generated
rm -rf "$swift_out" && mkdir -p "$swift_out"
protoc -IProtos \
    --plugin=protoc-gen-swift="$plugin" \
    --swift_out="$swift_out" \
    --swift_opt=Visibility=Public \
    --swift_opt=UseAccessLevelOnImports=true \
    --swift_opt=FileNaming=PathToUnderscores \
    "${protos[@]}"

c_out=Clients/c/generated
rm -rf "$c_out" && mkdir -p "$c_out"
protoc-c -IProtos --c_out="$c_out" "${protos[@]}"

echo "generated: $(find "$swift_out" "$c_out" -type f | sort | tr '\n' ' ')"
