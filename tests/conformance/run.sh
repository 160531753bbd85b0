#!/usr/bin/env bash
# Differential conformance run: our evaluator (CLI `simulate`) vs AWS-doc expectations and vs the
# oracle (@cloud-copilot/iam-simulate, AGPL, test-time only, run out of process by node).
#
# Intended for .ci/run. Needs node >= 20 and npm; the CLI must already be built in Release
# (`dotnet build -c Release`), because it is run with --no-build.
#
# Environment:
#   SEED=N            also run an extra random batch with this seed (the fixed batch always runs)
#   RANDOM_COUNT=N    size of each random batch (default 3000)
#   OURS_CMD="..."    command that evaluates a case file and prints our JSON results; the case file
#                     path is appended as the last argument (default: the dotnet CLI, see below)
#   CONFORMANCE_OUT   output directory (default tests/conformance/out)
# Prints `conformance: N passed, M failed` last; exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${CONFORMANCE_OUT:-$here/out}"
fixed_seed=20261128
count="${RANDOM_COUNT:-3000}"

fail() {
  echo "conformance: $*" >&2
  echo "conformance: 0 passed, 1 failed"
  exit 1
}

command -v node >/dev/null || fail "node is not installed"
mkdir -p "$out"

# 1. the oracle, pinned by package-lock.json
(cd "$here" && npm ci --silent --no-audit --no-fund >"$out/npm-ci.log" 2>&1) || { cat "$out/npm-ci.log" >&2; fail "npm ci failed"; }

# 2. inputs: all curated cases in one file (sorted by file name), plus the random batches
node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const all = files.flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  fs.writeFileSync(process.argv[2], JSON.stringify(all, null, 1) + "\n");
' "$here/cases" "$out/curated-cases.json"
seeds=("$fixed_seed")
if [[ -n "${SEED:-}" && "${SEED}" != "$fixed_seed" ]]; then seeds+=("$SEED"); fi
for s in "${seeds[@]}"; do
  node "$here/random.mjs" --seed "$s" --count "$count" --out "$out/random-$s-cases.json"
done

# 3. our evaluator
run_ours() { # $1 = case file, $2 = output file; exit 1 only means "a case differs from its expectation": compare.mjs judges
  local rc=0
  if [[ -n "${OURS_CMD:-}" ]]; then
    # shellcheck disable=SC2086
    (cd "$root" && $OURS_CMD "$1") >"$2" 2>"$2.stderr" || rc=$?
  else
    (cd "$root" && dotnet run --project src/GluePassRole.Diagnostics.Cli -c Release --no-build -- \
      simulate --cases "$1" --format json) >"$2" 2>"$2.stderr" || rc=$?
  fi
  [[ $rc -le 1 ]]
}
run_ours "$out/curated-cases.json" "$out/curated-ours.json" || { cat "$out/curated-ours.json.stderr" >&2; fail "our CLI failed on the curated cases"; }
for s in "${seeds[@]}"; do
  run_ours "$out/random-$s-cases.json" "$out/random-$s-ours.json" || { cat "$out/random-$s-ours.json.stderr" >&2; fail "our CLI failed on random batch $s"; }
done

# 4. the oracle on the same files
node "$here/oracle.mjs" --out "$out/curated-oracle.json" "$out/curated-cases.json"
for s in "${seeds[@]}"; do
  node "$here/oracle.mjs" --out "$out/random-$s-oracle.json" "$out/random-$s-cases.json"
done

# 5. compare (prints the summary line and sets the exit code)
args=(--curated "$out/curated-cases.json" "$out/curated-ours.json" "$out/curated-oracle.json")
for s in "${seeds[@]}"; do
  args+=(--random "$out/random-$s-cases.json" "$out/random-$s-ours.json" "$out/random-$s-oracle.json")
done
exec node "$here/compare.mjs" "${args[@]}" --known "$here/known-differences.json"
