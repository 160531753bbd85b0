#!/usr/bin/env node
// Stand-in for our CLI, used only to test the harness (run.sh / compare.mjs) before
// `simulate --cases FILE --format json` exists. For each case it answers the case's `expected`
// if present, else the oracle's decision, in our CLI's output shape.
// FAKE_FLIP=N flips the decision of every N-th case, to prove that failures are reported.
import { readCases, evaluateCase } from './oracle.mjs';

const flip = Number(process.env.FAKE_FLIP ?? 0);
const other = { Allowed: 'ImplicitDeny', ImplicitDeny: 'Allowed', ExplicitDeny: 'Allowed' };
const out = [];
let i = 0;
for (const c of readCases(process.argv.slice(2))) {
  let decision = c.expected ?? (await evaluateCase(c)).decision;
  if (flip > 0 && ++i % flip === 0) decision = other[decision] ?? 'Allowed';
  const r = { name: c.name, decision };
  if (c.expected !== undefined) {
    r.expected = c.expected;
    r.match = decision === c.expected;
  }
  out.push(r);
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
