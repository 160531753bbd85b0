#!/usr/bin/env bash
# Regenerates cdk.out/ from app.js with aws-cdk-lib (npm), the same synthesis `cdk synth` runs.
# Run from anywhere: bash samples/iac/cdk/make-cdk-out.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund aws-cdk-lib@2.276.0 constructs@10.8.1 >/dev/null)
rm -rf "$here/cdk.out"
NODE_PATH=$work/node_modules node "$here/app.js" "$here/cdk.out"
echo "wrote $here/cdk.out"
