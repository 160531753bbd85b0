#!/usr/bin/env node
// Seeded generator of random conformance cases (no `expected`): policies and requests with
// wildcards (* and ?) in actions and resources, conditions (String/Bool/Numeric/Date/IP/ARN/Null,
// ...IfExists, ForAnyValue/ForAllValues), NotAction/NotResource, Allow/Deny mixes, permissions
// boundaries, session policies, resource policies and SCP levels. Output is deterministic per seed.
//
// Usage: node random.mjs [--seed N] [--count N] [--out FILE]
// Only context keys that the IAM service reference lists for the action (or global keys) are
// used, because the oracle drops other keys. Known oracle divergences from the AWS docs (RCPs on
// unsupported services, policies without Version 2012-10-17, resource policies naming a session
// ARN with a session policy) are deliberately not generated.
import { writeFileSync } from 'node:fs';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCT = '111122223333';
const OTHER = '444455556666';
const GLUE = 'glue.amazonaws.com';
const EC2 = 'ec2.amazonaws.com';
const LAMBDA = 'lambda.amazonaws.com';

export function generate(seed, count) {
  const rnd = mulberry32(seed);
  const chance = (p) => rnd() < p;
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const some = (xs, lo, hi) => {
    const n = int(lo, hi);
    const out = [];
    for (let i = 0; i < n; i++) out.push(pick(xs));
    return [...new Set(out)];
  };
  const one = (xs) => (xs.length === 1 && chance(0.6) ? xs[0] : xs);

  const roleNames = ['AWSGlueServiceRole-etl', 'AWSGlueServiceRole', 'service-role/AWSGlueServiceRole-x', 'GlueJobRole',
    'etl/GlueJobRole', 'AdminRole', 'alice-glue', 'data-glue-etl', 'AWSGlueServiceNotebookRole-nb', 'service-role/GlueJobRole'];
  const rolePatterns = ['*', 'arn:aws:iam::*:role/*', `arn:aws:iam::${ACCT}:role/*`, 'arn:aws:iam::*:role/AWSGlueServiceRole*',
    'arn:aws:iam::*:role/service-role/AWSGlueServiceRole*', `arn:aws:iam::${ACCT}:role/service-role/*`,
    `arn:aws:iam::${ACCT}:role/Glue?obRole`, `arn:aws:iam::${ACCT}:role/GlueJobRole`, `arn:aws:iam::${ACCT}:role/etl/*`,
    `arn:aws:iam::${ACCT}:role/Admin*`, `arn:aws:iam::${ACCT}:role/\${aws:username}-glue`, `arn:aws:iam::${OTHER}:role/*`,
    `arn:aws:iam::${ACCT}:role/\${aws:PrincipalTag/team}-glue-*`, 'arn:aws:iam::*:role/AWSGlue????ceRole*',
    `arn:aws:iam::${ACCT}:user/*`, 'arn:aws:s3:::example-bucket/*'];
  const objects = ['arn:aws:s3:::example-bucket/reports/q1.csv', 'arn:aws:s3:::example-bucket/home/alice/a.txt',
    'arn:aws:s3:::example-bucket/secret/key.txt', 'arn:aws:s3:::other-bucket/x.json'];
  const objectPatterns = ['*', 'arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket*', 'arn:aws:s3:::*/secret/*',
    'arn:aws:s3:::example-bucket/home/${aws:username}/*', 'arn:aws:s3:::example-bucket/reports/q?.csv',
    'arn:aws:s3:::other-bucket/*', 'arn:aws:s3:::example-bucket'];
  const actionPatterns = ['iam:PassRole', 'iam:Pass*', 'iam:*', '*', 'iam:P?ssRole', 'iam:*Role', 'iam:GetRole', 'iam:Get*',
    's3:GetObject', 's3:Get*', 's3:*', 'glue:*', 's3:*Object', 'IAM:passrole'];

  // condition generators per key: [key, operators, value pool]
  const strOps = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'];
  const condKeys = {
    'iam:PassedToService': { ops: [...strOps, 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'ForAnyValue:StringLike'], vals: [GLUE, EC2, 'glue.*', '*.amazonaws.com', 'gl?e.amazonaws.com', 'GLUE.amazonaws.com', LAMBDA], passRoleOnly: true },
    'iam:AssociatedResourceArn': { ops: ['ArnLike', 'ArnNotLike', 'ArnEquals'], vals: [`arn:aws:glue:*:${ACCT}:job/etl-*`, `arn:aws:glue:us-east-1:${ACCT}:job/etl-daily`, `arn:aws:glue:*:${OTHER}:job/*`, 'arn:aws:glue:*:*:*'], passRoleOnly: true },
    'aws:MultiFactorAuthPresent': { ops: ['Bool'], vals: ['true', 'false'] },
    'aws:MultiFactorAuthAge': { ops: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals', 'NumericNotEquals'], vals: ['0', '300', '3600', '86400'] },
    'aws:username': { ops: strOps, vals: ['alice', 'bob', 'al*', 'ALICE'] },
    'aws:PrincipalTag/team': { ops: strOps, vals: ['data', 'ml', 'd?ta'] },
    'aws:SourceIp': { ops: ['IpAddress', 'NotIpAddress'], vals: ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.9/32'] },
    'aws:CurrentTime': { ops: ['DateLessThan', 'DateGreaterThan'], vals: ['2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z'] },
    // multivalued key: only with set operators (a bare operator on a multivalued key is not well specified)
    'aws:CalledVia': { ops: ['ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals'], vals: ['cloudformation.amazonaws.com', 'athena.amazonaws.com', '*.amazonaws.com'], multi: true }
  };

  const condition = (isPassRole) => {
    const cond = {};
    const keys = Object.keys(condKeys).filter((k) => isPassRole || !condKeys[k].passRoleOnly || chance(0.1));
    for (let i = int(1, 2); i > 0; i--) {
      const key = pick(keys);
      const spec = condKeys[key];
      if (chance(0.12)) {
        cond.Null = { ...(cond.Null ?? {}), [key]: pick(['true', 'false']) };
        continue;
      }
      let op = pick(spec.ops);
      if (!op.startsWith('For') && !spec.multi && chance(0.3)) op += 'IfExists';
      cond[op] = { ...(cond[op] ?? {}), [key]: one(some(spec.vals, 1, 2)) };
    }
    return cond;
  };

  const statement = (isPassRole, effectBias = 0.7) => {
    const s = { Effect: chance(effectBias) ? 'Allow' : 'Deny' };
    const acts = one(some(actionPatterns, 1, 3));
    if (chance(0.15)) s.NotAction = acts;
    else s.Action = acts;
    const resPool = isPassRole ? rolePatterns : objectPatterns;
    const res = one(some(chance(0.8) ? resPool : [...rolePatterns, ...objectPatterns], 1, 2));
    if (chance(0.12)) s.NotResource = res;
    else s.Resource = res;
    if (chance(0.45)) s.Condition = condition(isPassRole);
    return s;
  };
  const policy = (isPassRole, lo = 1, hi = 3, bias) => {
    const st = [];
    for (let i = int(lo, hi); i > 0; i--) st.push(statement(isPassRole, bias));
    return { Version: '2012-10-17', Statement: st };
  };
  const FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

  const cases = [];
  for (let i = 0; i < count; i++) {
    const isPassRole = chance(0.75);
    const isSession = chance(0.3);
    const crossAccount = !isPassRole && chance(0.2);
    const principalAcct = crossAccount ? OTHER : ACCT;
    const principal = isSession
      ? `arn:aws:sts::${principalAcct}:assumed-role/DataEngineer/alice`
      : `arn:aws:iam::${principalAcct}:user/alice`;

    const context = {};
    if (isPassRole) {
      if (chance(0.75)) context['iam:PassedToService'] = pick([GLUE, GLUE, EC2, LAMBDA]);
      if (chance(0.3)) context['iam:AssociatedResourceArn'] = pick([`arn:aws:glue:us-east-1:${ACCT}:job/etl-daily`, `arn:aws:glue:us-east-1:${ACCT}:job/adhoc`]);
    }
    if (chance(0.5)) context['aws:MultiFactorAuthPresent'] = pick(['true', 'false']);
    if (chance(0.3)) context['aws:MultiFactorAuthAge'] = pick(['100', '3600', '7200']);
    // IAM users always carry aws:username; role sessions never do.
    if (!isSession) context['aws:username'] = 'alice';
    if (chance(0.4)) context['aws:PrincipalTag/team'] = pick(['data', 'ml']);
    if (chance(0.3)) context['aws:SourceIp'] = pick(['10.1.2.3', '192.0.2.77', '198.51.100.7']);
    if (chance(0.3)) context['aws:CurrentTime'] = pick(['2026-11-28T03:00:00Z', '2024-06-01T00:00:00Z']);
    if (chance(0.25)) context['aws:CalledVia'] = some(['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'glue.amazonaws.com'], 1, 2);

    const request = isPassRole
      ? { principal, action: 'iam:PassRole', resource: `arn:aws:iam::${chance(0.08) ? OTHER : ACCT}:role/${pick(roleNames)}`, context }
      : { principal, action: 's3:GetObject', resource: pick(objects), resourceAccount: ACCT, context };

    const c = { name: `random/${seed}/${i}` };
    c.identityPolicies = [];
    for (let n = int(0, 3); n > 0; n--) c.identityPolicies.push(policy(isPassRole));
    if (chance(0.3)) c.identityPolicies.push(chance(0.5) ? FULL : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: pick(['iam:PassRole', 's3:GetObject']), Resource: '*' }] });
    if (chance(0.25)) c.permissionBoundary = chance(0.3) ? FULL : policy(isPassRole, 1, 2, 0.8);
    if (isSession && chance(0.35)) c.sessionPolicy = chance(0.3) ? FULL : policy(isPassRole, 1, 2, 0.8);
    if (!isPassRole && chance(0.4)) {
      const rp = policy(false, 1, 2, 0.75);
      const principals = [{ AWS: principal.startsWith('arn:aws:sts') ? `arn:aws:iam::${principalAcct}:role/DataEngineer` : principal },
        { AWS: `arn:aws:iam::${principalAcct}:root` }, '*', { AWS: `arn:aws:iam::${ACCT}:user/bob` }];
      // Principal "*" combined with a boundary or session policy is not settled by the docs: avoid it.
      const limited = c.permissionBoundary || c.sessionPolicy;
      for (const s of rp.Statement) s.Principal = pick(limited ? principals.filter((p) => p !== '*') : principals);
      c.resourcePolicy = rp;
    }
    if (chance(0.3)) {
      c.scps = [];
      for (let lvl = int(1, 3); lvl > 0; lvl--) {
        const level = [chance(0.75) ? FULL : policy(isPassRole, 1, 2, 0.85)];
        if (chance(0.4)) level.push(policy(isPassRole, 1, 2, 0.4));
        c.scps.push(level);
      }
    }
    c.request = request;
    cases.push(c);
  }
  return cases;
}

function main(argv) {
  let seed = 20261128;
  let count = 3000;
  let out;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--count') count = Number(argv[++i]);
    else if (argv[i] === '--out') out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) throw new Error('--seed and --count must be integers');
  const text = JSON.stringify(generate(seed, count)) + '\n';
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2));
}
