#!/usr/bin/env bash
# Packs pkg/ with npm and installs the tarball into tests/consumer, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
tarball=$(cd pkg && npm pack --silent --pack-destination ../target 2>/dev/null | tail -n1)
cd tests/consumer
rm -rf node_modules/tencent-chat-conversations
npm install --no-save --no-audit --no-fund --loglevel=error "../../target/$tarball"
echo "installed $tarball into tests/consumer" >&2
