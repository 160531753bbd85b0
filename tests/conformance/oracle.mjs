#!/usr/bin/env node
// Differential oracle: evaluates conformance case files with @cloud-copilot/iam-simulate.
//
// License boundary: iam-simulate is AGPL-3.0. It is a test-time dependency only, installed
// by `npm ci` into tests/conformance/node_modules and run in this separate node process.
// Nothing from it is copied into, linked into, or shipped with GluePassRole.Diagnostics.
//
// Usage: node oracle.mjs [--out FILE] CASES.json [MORE.json ...]
// Prints (or writes) a JSON array, one entry per case, in input order:
//   { "name", "decision": "Allowed|ExplicitDeny|ImplicitDeny"|null, "error"?, "ignoredContextKeys"? }
import { readFileSync, writeFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const DECISIONS = {
  Allowed: 'Allowed',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny'
};

/** A case policy entry is either a bare document or {name, policy}. */
function named(entry, fallbackName) {
  if (entry && typeof entry === 'object' && !Array.isArray(entry) && 'policy' in entry && !('Statement' in entry)) {
    return { name: String(entry.name ?? fallbackName), policy: entry.policy };
  }
  return { name: fallbackName, policy: entry };
}

/** Account id of an ARN (5th field), or undefined when it has none (e.g. S3). */
function arnAccount(arn) {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/**
 * The resource account iam-simulate needs to tell same-account from cross-account requests.
 * Case field wins; else the resource ARN's account; else the principal's account.
 */
function resourceAccount(request) {
  return request.resourceAccount ?? arnAccount(request.resource) ?? arnAccount(request.principal) ?? '123456789012';
}

function orgLevels(levels, kind) {
  return (levels ?? []).map((level, i) => ({
    orgIdentifier: `${kind}-level-${i}`,
    policies: (Array.isArray(level) ? level : [level]).map((p, j) => named(p, `${kind}-${i}-${j}`))
  }));
}

/** Map one case to iam-simulate's Simulation input. */
export function toSimulation(c) {
  const r = c.request ?? {};
  const context = {};
  for (const [k, v] of Object.entries(r.context ?? {})) {
    // iam-simulate takes strings or string arrays and coerces by the key's documented type
    // (Bool/Numeric/Date/ARN come from its bundled IAM data; *List types become arrays,
    // scalars take the first element of an array).
    context[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  const sim = {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource ?? '*', accountId: resourceAccount(r) },
      contextVariables: context
    },
    identityPolicies: (c.identityPolicies ?? []).map((p, i) => named(p, `identity-${i}`)),
    serviceControlPolicies: orgLevels(c.scps, 'scp'),
    resourceControlPolicies: orgLevels(c.rcps, 'rcp')
  };
  if (c.permissionBoundary) sim.permissionBoundaryPolicies = [named(c.permissionBoundary, 'boundary')];
  if (c.sessionPolicy) sim.sessionPolicy = named(c.sessionPolicy, 'session').policy;
  if (c.resourcePolicy) sim.resourcePolicy = named(c.resourcePolicy, 'resource').policy;
  return sim;
}

export async function evaluateCase(c) {
  const out = { name: c.name };
  try {
    const res = await runSimulation(toSimulation(c), { simulationMode: 'Strict' });
    if (res.resultType === 'error') {
      out.decision = null;
      out.error = JSON.stringify(res.errors);
      return out;
    }
    out.decision = DECISIONS[res.overallResult] ?? null;
    if (!out.decision) out.error = `unknown result ${res.overallResult}`;
    const ignored = res.resultType === 'single'
      ? res.result.ignoredContextKeys
      : [...new Set(res.results.flatMap((x) => x.ignoredContextKeys ?? []))];
    if (ignored && ignored.length) out.ignoredContextKeys = ignored;
  } catch (e) {
    out.decision = null;
    out.error = String(e?.message ?? e);
  }
  return out;
}

export function readCases(files) {
  const cases = [];
  for (const f of files) {
    const data = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(data)) throw new Error(`${f}: expected a JSON array of cases`);
    cases.push(...data);
  }
  return cases;
}

async function main(argv) {
  let outFile;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') outFile = argv[++i];
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    console.error('usage: node oracle.mjs [--out FILE] CASES.json [...]');
    process.exit(2);
  }
  const results = [];
  for (const c of readCases(files)) results.push(await evaluateCase(c));
  const text = JSON.stringify(results, null, 1) + '\n';
  if (outFile) writeFileSync(outFile, text);
  else process.stdout.write(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
