#!/usr/bin/env node
// Compares our evaluator's decisions with the expectations in the case files and with the oracle.
//
// Usage:
//   node compare.mjs [--curated CASES OURS ORACLE] [--random CASES OURS ORACLE]
//                    [--known known-differences.json] [--max-print N]
//
// CASES  : a case file (JSON array, see README.md)
// OURS   : our CLI output, JSON array in case order: [{ "name", "decision", ... }]
// ORACLE : oracle.mjs output, JSON array in case order: [{ "name", "decision", "error"? }]
//
// Curated set, per case: (a) if `expected` is set, ours must equal it; (b) ours must equal the
// oracle, unless the case's `note` mentions the oracle (a documented "known oracle disagreement").
// Random set, per case: ours must equal the oracle unless an entry of known-differences.json
// matches the case ({"pattern": "<regex tested against the case JSON>", "reason": "..."}).
// Prints every failure, then exactly one line `conformance: N passed, M failed`; exit 1 if M > 0.
import { readFileSync } from 'node:fs';

const DECISIONS = new Set(['Allowed', 'ExplicitDeny', 'ImplicitDeny']);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
}

function parseArgs(argv) {
  const opts = { sets: [], known: undefined, maxPrint: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--curated' || a === '--random') {
      const [cases, ours, oracle] = argv.slice(i + 1, i + 4);
      if (!oracle) throw new Error(`${a} needs CASES OURS ORACLE`);
      opts.sets.push({ kind: a.slice(2), cases, ours, oracle });
      i += 3;
    } else if (a === '--known') opts.known = argv[++i];
    else if (a === '--max-print') opts.maxPrint = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (opts.sets.length === 0) throw new Error('nothing to compare: give --curated and/or --random');
  return opts;
}

/** A note documents an oracle disagreement when it mentions the oracle. */
export const notesOracleDisagreement = (c) => typeof c.note === 'string' && /oracle/i.test(c.note);

export function compareSet({ kind, cases, ours, oracle }, known = []) {
  const failures = [];
  const knownDisagreements = [];
  const oracleErrors = [];
  const warnings = [];
  let passed = 0;
  const knownRx = known.map((k) => ({ ...k, rx: new RegExp(k.pattern) }));
  const n = cases.length;
  if (ours.length !== n) failures.push({ name: '(whole file)', reason: `ours has ${ours.length} results for ${n} cases` });
  if (oracle.length !== n) failures.push({ name: '(whole file)', reason: `oracle has ${oracle.length} results for ${n} cases` });

  for (let i = 0; i < n; i++) {
    const c = cases[i];
    const o = ours[i];
    const r = oracle[i];
    const problems = [];
    if (!o || o.name !== c.name) problems.push(`ours[${i}] is ${o ? JSON.stringify(o.name) : 'missing'}, expected case ${JSON.stringify(c.name)}`);
    else if (!DECISIONS.has(o.decision)) problems.push(`ours: invalid decision ${JSON.stringify(o.decision)}${o.error ? ` (${o.error})` : ''}`);
    if (!r || r.name !== c.name) problems.push(`oracle[${i}] is ${r ? JSON.stringify(r.name) : 'missing'}`);

    const ourDecision = o?.decision;
    const oracleDecision = r?.decision;
    if (problems.length === 0) {
      if (kind === 'curated' && c.expected !== undefined && ourDecision !== c.expected) {
        problems.push(`ours ${ourDecision} != expected ${c.expected}`);
      }
      if (oracleDecision == null) {
        if (notesOracleDisagreement(c)) knownDisagreements.push({ name: c.name, detail: `oracle error: ${r.error}`, note: c.note });
        else if (kind === 'random') oracleErrors.push({ name: c.name, error: r.error });
        else problems.push(`oracle could not evaluate: ${r.error}`);
      } else if (ourDecision !== oracleDecision) {
        const detail = `ours ${ourDecision}, oracle ${oracleDecision}`;
        if (kind === 'curated' && notesOracleDisagreement(c)) {
          knownDisagreements.push({ name: c.name, detail, note: c.note });
        } else if (kind === 'random') {
          const text = JSON.stringify(c);
          const k = knownRx.find((x) => x.rx.test(text));
          if (k) knownDisagreements.push({ name: c.name, detail, note: k.reason });
          else problems.push(`ours ${ourDecision} != oracle ${oracleDecision}`);
        } else {
          problems.push(`ours ${ourDecision} != oracle ${oracleDecision} (undocumented: add a note mentioning the oracle if the docs side with us)`);
        }
      }
    }
    if (r?.ignoredContextKeys?.length) {
      warnings.push(`${c.name}: the oracle ignored context keys ${r.ignoredContextKeys.join(', ')} (not valid for ${c.request?.action}); use only keys the action supports`);
    }
    if (problems.length) failures.push({ name: c.name, reason: problems.join('; '), case: c, ours: o, oracle: r });
    else passed++;
  }
  return { kind, total: n, passed, failures, knownDisagreements, oracleErrors, warnings };
}

function printReport(results, maxPrint) {
  for (const res of results) {
    console.log(`[${res.kind}] ${res.total} cases: ${res.passed} passed, ${res.failures.length} failed, ` +
      `${res.knownDisagreements.length} known oracle disagreements` +
      (res.oracleErrors.length ? `, ${res.oracleErrors.length} skipped (oracle could not evaluate)` : ''));
    for (const k of res.knownDisagreements) console.log(`  known oracle disagreement: ${k.name}: ${k.detail} -- ${k.note}`);
    for (const w of res.warnings.slice(0, maxPrint)) console.log(`  warning: ${w}`);
    for (const e of res.oracleErrors.slice(0, maxPrint)) console.log(`  oracle error (skipped): ${e.name}: ${e.error}`);
    res.failures.forEach((f, idx) => {
      console.log(`  FAIL ${f.name}: ${f.reason}`);
      if (f.case && (res.kind === 'random' ? idx < maxPrint : true)) {
        console.log('    case: ' + JSON.stringify(f.case));
      }
    });
    if (res.kind === 'random' && res.failures.length > maxPrint) {
      console.log(`  (${res.failures.length - maxPrint} more failing random cases not printed in full)`);
    }
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    console.log('conformance: 0 passed, 1 failed');
    process.exit(2);
  }
  const known = opts.known ? readJson(opts.known) : [];
  const results = opts.sets.map((s) =>
    compareSet({ kind: s.kind, cases: readJson(s.cases), ours: readJson(s.ours), oracle: readJson(s.oracle) }, known));
  printReport(results, opts.maxPrint);
  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failures.length, 0);
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
