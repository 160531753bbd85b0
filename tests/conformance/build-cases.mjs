#!/usr/bin/env node
// Builds cases/*.json (the hand-written conformance cases) from compact definitions.
// The generated JSON files are committed; re-run `node build-cases.mjs` after editing.
// Expectations come from the AWS documentation page in each case's `source`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const load = (n) => JSON.parse(readFileSync(join(here, 'policies', `${n}.json`), 'utf8'));

const GCFA = { name: 'AWSGlueConsoleFullAccess', policy: load('AWSGlueConsoleFullAccess') };
const ADMIN = { name: 'AdministratorAccess', policy: load('AdministratorAccess') };
const POWER = { name: 'PowerUserAccess', policy: load('PowerUserAccess') };
const FORCE_MFA = { name: 'Force_MFA', policy: load('force-mfa_my-sec-creds-self-manage') };
const FORCE_MFA_ONLY = { name: 'Force_MFA_only', policy: load('force-mfa_my-sec-creds-self-manage-mfa-only') };

// --- AWS documentation pages (sources) ---
const IAMUG = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const D = {
  passrole: IAMUG + 'id_roles_use_passrole.html',
  iamKeys: IAMUG + 'reference_policies_iam-condition-keys.html',
  globalKeys: IAMUG + 'reference_policies_condition-keys.html',
  evalLogic: IAMUG + 'reference_policies_evaluation-logic.html',
  evalCross: IAMUG + 'reference_policies_evaluation-logic-cross-account.html',
  operators: IAMUG + 'reference_policies_elements_condition_operators.html',
  ifExists: IAMUG + 'reference_policies_elements_condition_operators.html#Conditions_IfExists',
  nullOp: IAMUG + 'reference_policies_elements_condition_operators.html#Conditions_Null',
  multiValue: IAMUG + 'reference_policies_condition-single-vs-multi-valued-context-keys.html',
  multiCond: IAMUG + 'reference_policies_condition-logic-multiple-context-keys-or-values.html',
  notAction: IAMUG + 'reference_policies_elements_notaction.html',
  notResource: IAMUG + 'reference_policies_elements_notresource.html',
  resource: IAMUG + 'reference_policies_elements_resource.html',
  action: IAMUG + 'reference_policies_elements_action.html',
  arns: IAMUG + 'reference-arns.html',
  variables: IAMUG + 'reference_policies_variables.html',
  boundaries: IAMUG + 'access_policies_boundaries.html',
  session: IAMUG + 'access_policies.html#policies_session',
  forceMfa: IAMUG + 'reference_policies_examples_aws_my-sec-creds-self-manage.html',
  scpEval: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html',
  scps: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  rcps: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html',
  glueRole: 'https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html',
  glueConsole: 'https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html',
  glueManaged: 'https://docs.aws.amazon.com/glue/latest/dg/security-iam-awsmanpol.html',
  s3Policies: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html'
};

// --- helpers ---
const ACCT = '111122223333';
const OTHER = '444455556666';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice`;
const role = (path, acct = ACCT) => `arn:aws:iam::${acct}:role/${path}`;
const GLUE = 'glue.amazonaws.com';
const EC2 = 'ec2.amazonaws.com';

const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
const st = (Effect, Action, Resource, Condition, extra = {}) => {
  const s = { Effect };
  if (Action !== undefined) s.Action = Action;
  if (Resource !== undefined) s.Resource = Resource;
  if (Condition) s.Condition = Condition;
  return { ...s, ...extra };
};
const allow = (a, r = '*', c) => st('Allow', a, r, c);
const deny = (a, r = '*', c) => st('Deny', a, r, c);
const FULL = doc(allow('*', '*')); // FullAWSAccess-shaped SCP
const passAllow = (r = '*', c) => doc(allow('iam:PassRole', r, c));
const toSvc = (op, v) => ({ [op]: { 'iam:PassedToService': v } });

/** PassRole request; svc NONE => no iam:PassedToService in the context. */
const NONE = null;
const pr = (roleArn, svc = GLUE, extra = {}, principal = ALICE) => {
  const context = { ...extra };
  if (svc !== NONE) context['iam:PassedToService'] = svc;
  return { principal, action: 'iam:PassRole', resource: roleArn, context };
};

const glueCases = [];
const otherCases = [];
const add = (list) => (name, expected, source, body, note) => {
  const c = { name, expected, source, ...body };
  if (note) c.note = note;
  if (!c.identityPolicies) c.identityPolicies = [];
  list.push(c);
};
const g = add(glueCases);
const o = add(otherCases);

// ===================== PassRole to Glue =====================
// A. AWSGlueConsoleFullAccess vs role names/paths
g('gcfa: AWSGlueServiceRole-etl to glue', 'Allowed', D.glueRole, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl')) });
g('gcfa: role named exactly AWSGlueServiceRole to glue', 'Allowed', D.glueRole, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole')) });
g('gcfa: AWSGlueServiceRoleDefault (no dash) to glue', 'Allowed', D.glueRole, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRoleDefault')) });
g('gcfa: service-role/AWSGlueServiceRole-etl to glue', 'Allowed', D.glueManaged, { identityPolicies: [GCFA], request: pr(role('service-role/AWSGlueServiceRole-etl')) });
g('gcfa: AWSGlueServiceRole-etl to ec2', 'ImplicitDeny', D.iamKeys, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl'), EC2) });
g('gcfa: AWSGlueServiceRole-etl without PassedToService', 'ImplicitDeny', D.operators, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl'), NONE) });
g('gcfa: custom role name GlueJobRole', 'ImplicitDeny', D.glueRole, { identityPolicies: [GCFA], request: pr(role('GlueJobRole')) });
g('gcfa: custom path data/AWSGlueServiceRole-etl', 'ImplicitDeny', D.resource, { identityPolicies: [GCFA], request: pr(role('data/AWSGlueServiceRole-etl')) });
g('gcfa: service-role/GlueJobRole', 'ImplicitDeny', D.glueRole, { identityPolicies: [GCFA], request: pr(role('service-role/GlueJobRole')) });
g('gcfa: PassedToService wrong case Glue.amazonaws.com', 'ImplicitDeny', D.operators, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl'), 'Glue.amazonaws.com') });
g('gcfa: PassedToService glue.amazonaws.com.cn', 'ImplicitDeny', D.operators, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl'), 'glue.amazonaws.com.cn') });
g('gcfa: notebook role to ec2', 'Allowed', D.glueManaged, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceNotebookRole-nb'), EC2) });
g('gcfa: notebook role to glue', 'ImplicitDeny', D.glueManaged, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceNotebookRole-nb'), GLUE) });
g('gcfa: AWSGlueServiceRole-etl in another account', 'ImplicitDeny', D.passrole, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl', OTHER)) },
  'A role in another account cannot be passed (PassRole docs); the policy ARN uses a * account but the request is cross-account and roles carry no resource policy for PassRole.');
g('gcfa: role name prefix without Service (AWSGlueRole-x)', 'ImplicitDeny', D.resource, { identityPolicies: [GCFA], request: pr(role('AWSGlueRole-x')) });
g('gcfa: assumed-role session caller', 'Allowed', D.passrole, { identityPolicies: [GCFA], request: pr(role('AWSGlueServiceRole-etl'), GLUE, {}, SESSION) });

// B. custom statements and condition operators
const JOB = role('GlueJobRole');
g('StringEquals glue: glue', 'Allowed', D.iamKeys, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', GLUE))], request: pr(JOB) });
g('StringEquals glue: ec2', 'ImplicitDeny', D.iamKeys, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', GLUE))], request: pr(JOB, EC2) });
g('StringEquals glue: key missing', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', GLUE))], request: pr(JOB, NONE) });
g('StringEqualsIfExists glue: key missing', 'Allowed', D.ifExists, { identityPolicies: [passAllow(JOB, toSvc('StringEqualsIfExists', GLUE))], request: pr(JOB, NONE) });
g('StringEqualsIfExists glue: ec2', 'ImplicitDeny', D.ifExists, { identityPolicies: [passAllow(JOB, toSvc('StringEqualsIfExists', GLUE))], request: pr(JOB, EC2) });
g('StringEqualsIfExists glue: glue', 'Allowed', D.ifExists, { identityPolicies: [passAllow(JOB, toSvc('StringEqualsIfExists', GLUE))], request: pr(JOB) });
g('StringLike glue.*: glue', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringLike', 'glue.*'))], request: pr(JOB) });
g('StringLike *.amazonaws.com: ec2', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringLike', '*.amazonaws.com'))], request: pr(JOB, EC2) });
g('StringLike gl?e.amazonaws.com: glue', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringLike', 'gl?e.amazonaws.com'))], request: pr(JOB) });
g('StringEquals with a * value is literal: glue', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', 'glue.*'))], request: pr(JOB) });
g('StringEquals value list [glue, ec2]: ec2', 'Allowed', D.multiCond, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', [GLUE, EC2]))], request: pr(JOB, EC2) });
g('StringEquals value list [lambda, ec2]: glue', 'ImplicitDeny', D.multiCond, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', ['lambda.amazonaws.com', EC2]))], request: pr(JOB) });
g('StringEquals is case-sensitive (Glue.amazonaws.com in policy)', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringEquals', 'Glue.amazonaws.com'))], request: pr(JOB) });
g('StringEqualsIgnoreCase GLUE.AMAZONAWS.COM: glue', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringEqualsIgnoreCase', 'GLUE.AMAZONAWS.COM'))], request: pr(JOB) });
g('condition key name is case-insensitive (IAM:passedtoservice)', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, { StringEquals: { 'IAM:passedtoservice': GLUE } })], request: pr(JOB) });
g('Allow StringNotEquals ec2: glue', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringNotEquals', EC2))], request: pr(JOB) });
g('Allow StringNotEquals ec2: key missing', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, toSvc('StringNotEquals', EC2))], request: pr(JOB, NONE) });
g('Allow StringNotLike [ec2, lambda] (NOR): lambda', 'ImplicitDeny', D.multiCond, { identityPolicies: [passAllow(JOB, toSvc('StringNotLike', [EC2, 'lambda.*']))], request: pr(JOB, 'lambda.amazonaws.com') });
const guard = doc(allow('iam:PassRole', '*'), deny('iam:PassRole', '*', toSvc('StringNotEquals', GLUE)));
g('Deny StringNotEquals glue + Allow: glue', 'Allowed', D.evalLogic, { identityPolicies: [guard], request: pr(JOB) });
g('Deny StringNotEquals glue + Allow: ec2', 'ExplicitDeny', D.evalLogic, { identityPolicies: [guard], request: pr(JOB, EC2) });
g('Deny StringNotEquals glue + Allow: key missing', 'ExplicitDeny', D.operators, { identityPolicies: [guard], request: pr(JOB, NONE) });
const guardIf = doc(allow('iam:PassRole', '*'), deny('iam:PassRole', '*', toSvc('StringNotEqualsIfExists', GLUE)));
g('Deny StringNotEqualsIfExists glue + Allow: key missing (IfExists makes the Deny apply)', 'ExplicitDeny', D.ifExists, { identityPolicies: [guardIf], request: pr(JOB, NONE) });
g('Deny StringNotEqualsIfExists glue + Allow: ec2', 'ExplicitDeny', D.ifExists, { identityPolicies: [guardIf], request: pr(JOB, EC2) });
g('Allow Null PassedToService=false: key missing', 'ImplicitDeny', D.nullOp, { identityPolicies: [passAllow(JOB, { Null: { 'iam:PassedToService': 'false' } })], request: pr(JOB, NONE) });
g('Allow Null PassedToService=false: glue', 'Allowed', D.nullOp, { identityPolicies: [passAllow(JOB, { Null: { 'iam:PassedToService': 'false' } })], request: pr(JOB) });
g('Deny Null PassedToService=true + Allow: key missing', 'ExplicitDeny', D.nullOp, { identityPolicies: [doc(allow('iam:PassRole'), deny('iam:PassRole', '*', { Null: { 'iam:PassedToService': 'true' } }))], request: pr(JOB, NONE) });
g('Deny Null PassedToService=true + Allow: glue', 'Allowed', D.nullOp, { identityPolicies: [doc(allow('iam:PassRole'), deny('iam:PassRole', '*', { Null: { 'iam:PassedToService': 'true' } }))], request: pr(JOB) });
g('ForAnyValue:StringEquals glue: glue', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAnyValue:StringEquals', GLUE))], request: pr(JOB) });
g('ForAnyValue:StringEquals glue: key missing', 'ImplicitDeny', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAnyValue:StringEquals', GLUE))], request: pr(JOB, NONE) });
g('ForAllValues:StringEquals glue: key missing (vacuously true)', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAllValues:StringEquals', GLUE))], request: pr(JOB, NONE) });
g('ForAllValues:StringEquals glue: ec2', 'ImplicitDeny', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAllValues:StringEquals', GLUE))], request: pr(JOB, EC2) });
g('ForAnyValue:StringLike glue.*: glue', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAnyValue:StringLike', 'glue.*'))], request: pr(JOB) });
g('two operators AND: PassedToService glue and MFA true', 'Allowed', D.multiCond, { identityPolicies: [passAllow(JOB, { StringEquals: { 'iam:PassedToService': GLUE }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], request: pr(JOB, GLUE, { 'aws:MultiFactorAuthPresent': 'true' }) });
g('two operators AND: one fails (MFA false)', 'ImplicitDeny', D.multiCond, { identityPolicies: [passAllow(JOB, { StringEquals: { 'iam:PassedToService': GLUE }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], request: pr(JOB, GLUE, { 'aws:MultiFactorAuthPresent': 'false' }) });
g('two keys in one operator AND: username mismatch', 'ImplicitDeny', D.multiCond, { identityPolicies: [passAllow(JOB, { StringEquals: { 'iam:PassedToService': GLUE, 'aws:username': 'bob' } })], request: pr(JOB, GLUE, { 'aws:username': 'alice' }) });

// C. resource ARN matching
g('Resource role/* covers a pathed role', 'Allowed', D.resource, { identityPolicies: [passAllow(role('*'), toSvc('StringEquals', GLUE))], request: pr(role('data/GlueJobRole')) });
g('Resource with ? matches one char', 'Allowed', D.resource, { identityPolicies: [passAllow(role('Glue?obRole'))], request: pr(JOB) });
g('Resource with ? does not match zero or two chars', 'ImplicitDeny', D.resource, { identityPolicies: [passAllow(role('Glue?Role'))], request: pr(JOB) });
g('wildcard account in role ARN', 'Allowed', D.arns, { identityPolicies: [passAllow('arn:aws:iam::*:role/GlueJobRole', toSvc('StringEquals', GLUE))], request: pr(JOB) });
g('wrong account in role ARN', 'ImplicitDeny', D.arns, { identityPolicies: [passAllow(role('GlueJobRole', OTHER), toSvc('StringEquals', GLUE))], request: pr(JOB) });
g('service-role/* does not cover a role without that path', 'ImplicitDeny', D.resource, { identityPolicies: [passAllow(role('service-role/*'))], request: pr(JOB) });
g('Resource exact ARN without path does not match pathed role', 'ImplicitDeny', D.resource, { identityPolicies: [passAllow(role('GlueJobRole'))], request: pr(role('etl/GlueJobRole')) });
g('Resource * with PassedToService glue', 'Allowed', D.passrole, { identityPolicies: [passAllow('*', toSvc('StringEquals', GLUE))], request: pr(role('etl/AnyRole')) });
g('Resource list, second entry matches', 'Allowed', D.resource, { identityPolicies: [passAllow([role('Other'), role('Glue*')])], request: pr(JOB) });
g('wildcard region/partition fields: arn:aws:iam::*:role/*', 'Allowed', D.arns, { identityPolicies: [passAllow('arn:aws:iam::*:role/*')], request: pr(JOB) });
g('Resource ARN for a user does not cover a role', 'ImplicitDeny', D.resource, { identityPolicies: [passAllow(`arn:aws:iam::${ACCT}:user/*`)], request: pr(JOB) });

// D. policy variables
const varPol = passAllow(role('${aws:username}-glue'), toSvc('StringEquals', GLUE));
g('${aws:username} in role ARN: alice-glue', 'Allowed', D.variables, { identityPolicies: [varPol], request: pr(role('alice-glue'), GLUE, { 'aws:username': 'alice' }) });
g('${aws:username} in role ARN: bob-glue', 'ImplicitDeny', D.variables, { identityPolicies: [varPol], request: pr(role('bob-glue'), GLUE, { 'aws:username': 'alice' }) });
g('${aws:username} in role ARN: key absent (role session)', 'ImplicitDeny', D.variables, { identityPolicies: [varPol], request: pr(role('alice-glue'), GLUE, {}, SESSION) });
g('${aws:username, default} used when key absent (role session)', 'Allowed', D.variables, { identityPolicies: [passAllow(role("${aws:username, 'shared'}-glue"))], request: pr(role('shared-glue'), GLUE, {}, SESSION) });
g('${aws:PrincipalTag/team} in role ARN', 'Allowed', D.variables, { identityPolicies: [passAllow(role('${aws:PrincipalTag/team}-glue-*'))], request: pr(role('data-glue-etl'), GLUE, { 'aws:PrincipalTag/team': 'data' }) });
g('${aws:PrincipalTag/team} in role ARN: other team', 'ImplicitDeny', D.variables, { identityPolicies: [passAllow(role('${aws:PrincipalTag/team}-glue-*'))], request: pr(role('ml-glue-etl'), GLUE, { 'aws:PrincipalTag/team': 'data' }) });
g('${aws:username} in condition value (AssociatedResourceArn)', 'Allowed', D.variables, { identityPolicies: [passAllow(JOB, { ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:glue:*:${ACCT}:job/\${aws:username}-*` } })], request: pr(JOB, GLUE, { 'aws:username': 'alice', 'iam:AssociatedResourceArn': `arn:aws:glue:us-east-1:${ACCT}:job/alice-daily` }) });

// E. iam:AssociatedResourceArn
const assoc = (a) => ({ 'iam:AssociatedResourceArn': a });
const JOBARN = `arn:aws:glue:us-east-1:${ACCT}:job/etl-daily`;
g('AssociatedResourceArn ArnLike job/etl-*: match', 'Allowed', D.iamKeys, { identityPolicies: [passAllow(JOB, { ArnLike: assoc(`arn:aws:glue:us-east-1:${ACCT}:job/etl-*`) })], request: pr(JOB, GLUE, assoc(JOBARN)) });
g('AssociatedResourceArn ArnLike job/etl-*: other job', 'ImplicitDeny', D.iamKeys, { identityPolicies: [passAllow(JOB, { ArnLike: assoc(`arn:aws:glue:us-east-1:${ACCT}:job/etl-*`) })], request: pr(JOB, GLUE, assoc(`arn:aws:glue:us-east-1:${ACCT}:job/adhoc`)) });
g('AssociatedResourceArn ArnEquals exact', 'Allowed', D.iamKeys, { identityPolicies: [passAllow(JOB, { ArnEquals: assoc(JOBARN) })], request: pr(JOB, GLUE, assoc(JOBARN)) });
g('AssociatedResourceArn ArnLike region wildcard', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, { ArnLike: assoc(`arn:aws:glue:*:${ACCT}:job/*`) })], request: pr(JOB, GLUE, assoc(JOBARN)) });
g('AssociatedResourceArn ArnLike wrong account', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { ArnLike: assoc(`arn:aws:glue:*:${OTHER}:job/*`) })], request: pr(JOB, GLUE, assoc(JOBARN)) });
g('AssociatedResourceArn ArnLikeIfExists: key missing', 'Allowed', D.ifExists, { identityPolicies: [passAllow(JOB, { ArnLikeIfExists: assoc(`arn:aws:glue:*:${ACCT}:job/etl-*`) })], request: pr(JOB) });
g('AssociatedResourceArn ArnLike: key missing', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { ArnLike: assoc(`arn:aws:glue:*:${ACCT}:job/etl-*`) })], request: pr(JOB) });
g('Deny ArnNotLike AssociatedResourceArn + Allow: key missing', 'ExplicitDeny', D.operators, { identityPolicies: [doc(allow('iam:PassRole'), deny('iam:PassRole', '*', { ArnNotLike: assoc(`arn:aws:glue:*:${ACCT}:job/etl-*`) }))], request: pr(JOB) });

// F. force-MFA guardrail
const passJob = passAllow(JOB, toSvc('StringEquals', GLUE));
const mfa = (v) => (v === undefined ? {} : { 'aws:MultiFactorAuthPresent': v });
g('force-MFA: MFA true', 'Allowed', D.forceMfa, { identityPolicies: [FORCE_MFA, passJob], request: pr(JOB, GLUE, mfa('true')) });
g('force-MFA: MFA false', 'ExplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA, passJob], request: pr(JOB, GLUE, mfa('false')) });
g('force-MFA: MFA key absent (access keys)', 'ExplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA, passJob], request: pr(JOB, GLUE, mfa()) });
g('force-MFA mfa-only variant: MFA absent', 'ExplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA_ONLY, passJob], request: pr(JOB, GLUE, mfa()) });
g('force-MFA mfa-only variant: MFA true', 'Allowed', D.forceMfa, { identityPolicies: [FORCE_MFA_ONLY, passJob], request: pr(JOB, GLUE, mfa('true')) });
g('force-MFA + GCFA: MFA true, service-role/AWSGlueServiceRole-x', 'Allowed', D.forceMfa, { identityPolicies: [FORCE_MFA, GCFA], request: pr(role('service-role/AWSGlueServiceRole-x'), GLUE, mfa('true')) });
g('force-MFA + GCFA: MFA true, custom role', 'ImplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA, GCFA], request: pr(JOB, GLUE, mfa('true')) });
g('force-MFA + GCFA: MFA false, AWSGlueServiceRole-x', 'ExplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA, GCFA], request: pr(role('AWSGlueServiceRole-x'), GLUE, mfa('false')) });
g('force-MFA + admin: MFA absent', 'ExplicitDeny', D.forceMfa, { identityPolicies: [FORCE_MFA, ADMIN], request: pr(JOB, GLUE, mfa()) });

// G. group inline fix
const groupFix = { name: 'group/data-eng/AllowPassGlueJobRole', policy: passAllow(role('etl/*'), toSvc('StringEquals', GLUE)) };
g('group inline fix: etl/GlueJobRole to glue', 'Allowed', D.passrole, { identityPolicies: [GCFA, groupFix], request: pr(role('etl/GlueJobRole')) });
g('group inline fix: etl/GlueJobRole to ec2', 'ImplicitDeny', D.passrole, { identityPolicies: [GCFA, groupFix], request: pr(role('etl/GlueJobRole'), EC2) });
g('group inline fix: role outside etl/ path', 'ImplicitDeny', D.passrole, { identityPolicies: [GCFA, groupFix], request: pr(JOB) });

// H. permissions boundary
const glueOnly = doc(allow('glue:*'));
g('boundary without PassRole blocks GCFA', 'ImplicitDeny', D.boundaries, { identityPolicies: [GCFA], permissionBoundary: glueOnly, request: pr(role('AWSGlueServiceRole-etl')) });
g('boundary allows iam:PassRole *', 'Allowed', D.boundaries, { identityPolicies: [GCFA], permissionBoundary: doc(allow(['glue:*', 'iam:PassRole'])), request: pr(role('AWSGlueServiceRole-etl')) });
g('boundary allows only role/AWSGlueServiceRole*: service-role path', 'ImplicitDeny', D.boundaries, { identityPolicies: [GCFA], permissionBoundary: passAllow(role('AWSGlueServiceRole*')), request: pr(role('service-role/AWSGlueServiceRole-etl')) });
g('boundary PassRole conditioned on glue: glue', 'Allowed', D.boundaries, { identityPolicies: [GCFA], permissionBoundary: passAllow('*', toSvc('StringEquals', GLUE)), request: pr(role('AWSGlueServiceRole-etl')) });
g('boundary explicit Deny PassRole', 'ExplicitDeny', D.boundaries, { identityPolicies: [ADMIN], permissionBoundary: doc(allow('*'), deny('iam:PassRole')), request: pr(JOB) });
g('boundary allows * but no identity policy', 'ImplicitDeny', D.boundaries, { identityPolicies: [], permissionBoundary: FULL, request: pr(JOB) });
g('boundary PowerUser-like (NotAction iam:*)', 'ImplicitDeny', D.boundaries, { identityPolicies: [ADMIN], permissionBoundary: POWER.policy, request: pr(JOB) });
g('boundary Deny only for ec2 target: glue passes', 'Allowed', D.boundaries, { identityPolicies: [ADMIN], permissionBoundary: doc(allow('*'), deny('iam:PassRole', '*', toSvc('StringEquals', EC2))), request: pr(JOB) });

// I. SCPs
const scpDenyPass = doc(allow('*'), deny('iam:PassRole'));
g('SCP FullAWSAccess at every level + GCFA', 'Allowed', D.scpEval, { identityPolicies: [GCFA], scps: [[FULL], [FULL], [FULL]], request: pr(role('AWSGlueServiceRole-etl')) });
g('SCP deny iam:PassRole at root', 'ExplicitDeny', D.scpEval, { identityPolicies: [GCFA], scps: [[FULL, doc(deny('iam:PassRole'))], [FULL]], request: pr(role('AWSGlueServiceRole-etl')) });
g('SCP deny iam:PassRole at account level', 'ExplicitDeny', D.scpEval, { identityPolicies: [ADMIN], scps: [[FULL], [FULL], [scpDenyPass]], request: pr(JOB) });
g('SCP allow-list at OU lacking iam', 'ImplicitDeny', D.scpEval, { identityPolicies: [ADMIN], scps: [[FULL], [doc(allow(['glue:*', 's3:*']))], [FULL]], request: pr(JOB) });
g('SCP allow-list at every level including iam:*', 'Allowed', D.scpEval, { identityPolicies: [ADMIN], scps: [[doc(allow(['glue:*', 'iam:*']))], [doc(allow(['iam:*']))]], request: pr(JOB) });
g('SCP OU allows only iam:PassRole', 'Allowed', D.scpEval, { identityPolicies: [GCFA], scps: [[FULL], [doc(allow('iam:PassRole'))], [FULL]], request: pr(role('AWSGlueServiceRole-etl')) });
const scpSvc = doc(allow('*'), deny('iam:PassRole', '*', toSvc('StringNotEquals', GLUE)));
g('SCP deny PassRole unless to glue: glue', 'Allowed', D.scpEval, { identityPolicies: [ADMIN], scps: [[scpSvc]], request: pr(JOB) });
g('SCP deny PassRole unless to glue: ec2', 'ExplicitDeny', D.scpEval, { identityPolicies: [ADMIN], scps: [[scpSvc]], request: pr(JOB, EC2) });
const scpExempt = doc(allow('*'), deny('iam:PassRole', '*', { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/Admin*` } }));
g('SCP deny PassRole except Admin* principals: alice', 'ExplicitDeny', D.scps, { identityPolicies: [ADMIN], scps: [[scpExempt]], request: pr(JOB, GLUE, { 'aws:PrincipalArn': ALICE }) });
g('SCP deny PassRole except Admin* principals: AdminRole session', 'Allowed', D.scps, { identityPolicies: [ADMIN], scps: [[scpExempt]], request: pr(JOB, GLUE, { 'aws:PrincipalArn': role('AdminRole') }, `arn:aws:sts::${ACCT}:assumed-role/AdminRole/s1`) });
g('SCP allows but identity grants nothing', 'ImplicitDeny', D.scpEval, { identityPolicies: [], scps: [[FULL]], request: pr(JOB) });
g('SCP deny PassRole with NotResource AWSGlueServiceRole*: custom role', 'ExplicitDeny', D.notResource, { identityPolicies: [ADMIN], scps: [[doc(allow('*'), st('Deny', 'iam:PassRole', undefined, undefined, { NotResource: 'arn:aws:iam::*:role/AWSGlueServiceRole*' }))]], request: pr(JOB) });
g('SCP deny PassRole with NotResource AWSGlueServiceRole*: glue role', 'Allowed', D.notResource, { identityPolicies: [ADMIN], scps: [[doc(allow('*'), st('Deny', 'iam:PassRole', undefined, undefined, { NotResource: 'arn:aws:iam::*:role/AWSGlueServiceRole*' }))]], request: pr(role('AWSGlueServiceRole-etl')) });

// J. admin / wildcard actions
g('AdministratorAccess', 'Allowed', D.evalLogic, { identityPolicies: [ADMIN], request: pr(JOB) });
g('iam:* on *', 'Allowed', D.action, { identityPolicies: [doc(allow('iam:*'))], request: pr(JOB) });
g('Action * without PassedToService', 'Allowed', D.action, { identityPolicies: [doc(allow('*'))], request: pr(JOB, NONE) });
g('Action iam:Pass*', 'Allowed', D.action, { identityPolicies: [doc(allow('iam:Pass*'))], request: pr(JOB) });
g('Action iam:*Role', 'Allowed', D.action, { identityPolicies: [doc(allow('iam:*Role'))], request: pr(JOB) });
g('Action names are case-insensitive: IAM:passrole', 'Allowed', D.action, { identityPolicies: [doc(allow('IAM:passrole'))], request: pr(JOB) });
g('Action iam:PassRol?', 'Allowed', D.action, { identityPolicies: [doc(allow('iam:PassRol?'))], request: pr(JOB) });
g('Action iam:Get* does not cover PassRole', 'ImplicitDeny', D.action, { identityPolicies: [doc(allow('iam:Get*'))], request: pr(JOB) });
g('Action glue:* does not cover iam:PassRole', 'ImplicitDeny', D.glueRole, { identityPolicies: [doc(allow('glue:*'))], request: pr(JOB) });
g('PowerUserAccess alone', 'ImplicitDeny', D.notAction, { identityPolicies: [POWER], request: pr(JOB) });
g('PowerUserAccess + GCFA: AWSGlueServiceRole-etl', 'Allowed', D.evalLogic, { identityPolicies: [POWER, GCFA], request: pr(role('AWSGlueServiceRole-etl')) });
g('IAM read-only style (iam:Get*, iam:List*)', 'ImplicitDeny', D.action, { identityPolicies: [doc(allow(['iam:Get*', 'iam:List*']))], request: pr(role('AWSGlueServiceRole-etl')) });

// K. NotAction / NotResource
g('admin + Deny NotAction [glue:*, s3:*]', 'ExplicitDeny', D.notAction, { identityPolicies: [ADMIN, doc(st('Deny', undefined, '*', undefined, { NotAction: ['glue:*', 's3:*'] }))], request: pr(JOB) });
g('admin + Deny NotAction iam:*', 'Allowed', D.notAction, { identityPolicies: [ADMIN, doc(st('Deny', undefined, '*', undefined, { NotAction: 'iam:*' }))], request: pr(JOB) });
g('Allow NotAction iam:Delete*', 'Allowed', D.notAction, { identityPolicies: [doc(st('Allow', undefined, '*', undefined, { NotAction: 'iam:Delete*' }))], request: pr(JOB) });
g('Allow NotAction iam:Pass*', 'ImplicitDeny', D.notAction, { identityPolicies: [doc(st('Allow', undefined, '*', undefined, { NotAction: 'iam:Pass*' }))], request: pr(JOB) });
const denyNotRes = (r) => doc(st('Deny', 'iam:PassRole', undefined, undefined, { NotResource: r }));
g('admin + Deny PassRole NotResource role/AWSGlueServiceRole*: AWSGlueServiceRole-x', 'Allowed', D.notResource, { identityPolicies: [ADMIN, denyNotRes(role('AWSGlueServiceRole*'))], request: pr(role('AWSGlueServiceRole-x')) });
g('admin + Deny PassRole NotResource role/AWSGlueServiceRole*: GlueJobRole', 'ExplicitDeny', D.notResource, { identityPolicies: [ADMIN, denyNotRes(role('AWSGlueServiceRole*'))], request: pr(JOB) });
g('admin + Deny PassRole NotResource role/AWSGlueServiceRole*: service-role path', 'ExplicitDeny', D.notResource, { identityPolicies: [ADMIN, denyNotRes(role('AWSGlueServiceRole*'))], request: pr(role('service-role/AWSGlueServiceRole-x')) });
const allowNotRes = doc(st('Allow', 'iam:PassRole', undefined, undefined, { NotResource: role('Admin*') }));
g('Allow PassRole NotResource role/Admin*: GlueJobRole', 'Allowed', D.notResource, { identityPolicies: [allowNotRes], request: pr(JOB) });
g('Allow PassRole NotResource role/Admin*: AdminRole', 'ImplicitDeny', D.notResource, { identityPolicies: [allowNotRes], request: pr(role('AdminRole')) });

// L. explicit deny beats allow
g('GCFA + Deny PassRole on AWSGlueServiceRole-prod*', 'ExplicitDeny', D.evalLogic, { identityPolicies: [GCFA, doc(deny('iam:PassRole', role('AWSGlueServiceRole-prod*')))], request: pr(role('AWSGlueServiceRole-prod1')) });
g('GCFA + Deny PassRole on AWSGlueServiceRole-prod*: dev role', 'Allowed', D.evalLogic, { identityPolicies: [GCFA, doc(deny('iam:PassRole', role('AWSGlueServiceRole-prod*')))], request: pr(role('AWSGlueServiceRole-dev1')) });
g('Deny before Allow in the same policy', 'ExplicitDeny', D.evalLogic, { identityPolicies: [doc(deny('iam:PassRole', JOB), allow('iam:PassRole', JOB))], request: pr(JOB) });
g('Deny conditioned on ec2 does not apply to glue', 'Allowed', D.evalLogic, { identityPolicies: [doc(allow('iam:PassRole'), deny('iam:PassRole', '*', toSvc('StringEquals', EC2)))], request: pr(JOB) });
g('Deny iam:* beats AdministratorAccess', 'ExplicitDeny', D.evalLogic, { identityPolicies: [ADMIN, doc(deny('iam:*'))], request: pr(JOB) });

// M. session policies
g('session policy without PassRole', 'ImplicitDeny', D.session, { identityPolicies: [GCFA], sessionPolicy: glueOnly, request: pr(role('AWSGlueServiceRole-etl'), GLUE, {}, SESSION) });
g('session policy allows PassRole', 'Allowed', D.session, { identityPolicies: [GCFA], sessionPolicy: doc(allow(['glue:*', 'iam:PassRole'])), request: pr(role('AWSGlueServiceRole-etl'), GLUE, {}, SESSION) });
g('session policy Deny PassRole', 'ExplicitDeny', D.session, { identityPolicies: [ADMIN], sessionPolicy: doc(allow('*'), deny('iam:PassRole')), request: pr(JOB, GLUE, {}, SESSION) });
g('session policy allows, identity does not', 'ImplicitDeny', D.session, { identityPolicies: [glueOnly], sessionPolicy: FULL, request: pr(JOB, GLUE, {}, SESSION) });

// N. other global condition keys on PassRole
const when = (cond) => passAllow(JOB, cond);
g('DateLessThan aws:CurrentTime: before', 'Allowed', D.operators, { identityPolicies: [when({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } })], request: pr(JOB, GLUE, { 'aws:CurrentTime': '2026-11-28T03:00:00Z' }) });
g('DateLessThan aws:CurrentTime: after', 'ImplicitDeny', D.operators, { identityPolicies: [when({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } })], request: pr(JOB, GLUE, { 'aws:CurrentTime': '2026-11-28T03:00:00Z' }) });
g('IpAddress aws:SourceIp in CIDR', 'Allowed', D.operators, { identityPolicies: [when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })], request: pr(JOB, GLUE, { 'aws:SourceIp': '10.1.2.3' }) });
g('IpAddress aws:SourceIp outside CIDR', 'ImplicitDeny', D.operators, { identityPolicies: [when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })], request: pr(JOB, GLUE, { 'aws:SourceIp': '192.168.1.1' }) });
g('NumericLessThan MultiFactorAuthAge: fresh', 'Allowed', D.operators, { identityPolicies: [when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })], request: pr(JOB, GLUE, { 'aws:MultiFactorAuthAge': '100' }) });
g('NumericLessThan MultiFactorAuthAge: stale', 'ImplicitDeny', D.operators, { identityPolicies: [when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })], request: pr(JOB, GLUE, { 'aws:MultiFactorAuthAge': '7200' }) });
g('NumericLessThan MultiFactorAuthAge: absent', 'ImplicitDeny', D.operators, { identityPolicies: [when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })], request: pr(JOB) });
g('StringEquals aws:PrincipalTag/team', 'Allowed', D.globalKeys, { identityPolicies: [when({ StringEquals: { 'aws:PrincipalTag/team': 'data' } })], request: pr(JOB, GLUE, { 'aws:PrincipalTag/team': 'data' }) });
g('StringEquals aws:PrincipalTag/team: untagged', 'ImplicitDeny', D.globalKeys, { identityPolicies: [when({ StringEquals: { 'aws:PrincipalTag/team': 'data' } })], request: pr(JOB) });
g('Bool aws:MultiFactorAuthPresent true required: true', 'Allowed', D.globalKeys, { identityPolicies: [when({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], request: pr(JOB, GLUE, mfa('true')) });
g('BoolIfExists MFA true: absent', 'Allowed', D.ifExists, { identityPolicies: [when({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })], request: pr(JOB) });

// ===================== general evaluation logic =====================
const BUCKET = 'arn:aws:s3:::example-bucket';
const OBJ = `${BUCKET}/reports/q1.csv`;
const s3req = (resource = OBJ, context = {}, principal = ALICE, action = 's3:GetObject') => ({ principal, action, resource, resourceAccount: ACCT, context });
const xreq = (resource = OBJ, context = {}) => ({ principal: `arn:aws:iam::${OTHER}:user/carol`, action: 's3:GetObject', resource, resourceAccount: ACCT, context });
const bucketPol = (Principal, Effect = 'Allow', Action = 's3:GetObject', Condition) => doc({ Effect, Principal, Action, Resource: `${BUCKET}/*`, ...(Condition ? { Condition } : {}) });

o('no policies at all', 'ImplicitDeny', D.evalLogic, { request: s3req() });
o('identity allow s3:GetObject', 'Allowed', D.evalLogic, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}/*`))], request: s3req() });
o('bucket * covers objects (wildcard spans /)', 'Allowed', D.resource, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}*`))], request: s3req() });
o('bucket ARN alone does not cover objects', 'ImplicitDeny', D.resource, { identityPolicies: [doc(allow('s3:GetObject', BUCKET))], request: s3req() });
o('Action s3:Get* wildcard', 'Allowed', D.action, { identityPolicies: [doc(allow('s3:Get*', '*'))], request: s3req() });
o('Action s3:*Object wildcard', 'Allowed', D.action, { identityPolicies: [doc(allow('s3:*Object', '*'))], request: s3req() });
o('Action s3:Put* does not cover GetObject', 'ImplicitDeny', D.action, { identityPolicies: [doc(allow('s3:Put*', '*'))], request: s3req() });
o('same-account bucket policy naming the user, no identity policy', 'Allowed', D.evalLogic, { resourcePolicy: bucketPol({ AWS: ALICE }), request: s3req() });
o('same-account bucket policy naming the account root only', 'ImplicitDeny', D.evalLogic, { resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${ACCT}:root` }), request: s3req() },
  'A resource policy that names the account delegates to identity policies; with no identity policy allowing, the request is implicitly denied.');
o('same-account bucket policy Deny beats identity Allow', 'ExplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol({ AWS: ALICE }, 'Deny'), request: s3req() });
o('same-account bucket policy Deny Principal * beats identity Allow', 'ExplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol('*', 'Deny'), request: s3req() });
o('cross-account: bucket policy only', 'ImplicitDeny', D.evalCross, { resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${OTHER}:user/carol` }), request: xreq() });
o('cross-account: identity policy only', 'ImplicitDeny', D.evalCross, { identityPolicies: [doc(allow('s3:GetObject'))], request: xreq() });
o('cross-account: both allow', 'Allowed', D.evalCross, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${OTHER}:user/carol` }), request: xreq() });
o('cross-account: both allow, bucket policy names the other account root', 'Allowed', D.evalCross, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${OTHER}:root` }), request: xreq() });
o('cross-account: bucket policy names a different account', 'ImplicitDeny', D.evalCross, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol({ AWS: `arn:aws:iam::999988887777:root` }), request: xreq() });
o('cross-account: bucket policy Deny', 'ExplicitDeny', D.evalCross, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }, { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:*', Resource: `${BUCKET}/*` }), request: xreq() });
o('cross-account: aws:PrincipalOrgID condition matches', 'Allowed', D.globalKeys, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol('*', 'Allow', 's3:GetObject', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }), request: xreq(OBJ, { 'aws:PrincipalOrgID': 'o-abc123' }) });
o('cross-account: aws:PrincipalOrgID condition differs', 'ImplicitDeny', D.globalKeys, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol('*', 'Allow', 's3:GetObject', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }), request: xreq(OBJ, { 'aws:PrincipalOrgID': 'o-zzz999' }) });
o('boundary does not limit a same-account resource policy naming the user', 'Allowed', D.boundaries, { permissionBoundary: doc(allow('glue:*')), resourcePolicy: bucketPol({ AWS: ALICE }), request: s3req() });
o('boundary explicit deny still applies to resource-policy grant', 'ExplicitDeny', D.boundaries, { permissionBoundary: doc(allow('*'), deny('s3:*')), resourcePolicy: bucketPol({ AWS: ALICE }), request: s3req() });
o('SCP deny applies even when bucket policy allows', 'ExplicitDeny', D.scpEval, { resourcePolicy: bucketPol({ AWS: ALICE }), scps: [[doc(allow('*'), deny('s3:GetObject'))]], request: s3req() });
o('SCP allow-list without s3 blocks a bucket-policy grant', 'ImplicitDeny', D.scpEval, { resourcePolicy: bucketPol({ AWS: ALICE }), scps: [[doc(allow('ec2:*'))]], request: s3req() });
o('RCP deny on s3 with Principal *', 'ExplicitDeny', D.rcps, { identityPolicies: [doc(allow('s3:*'))], rcps: [[doc({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' })]], request: s3req() });
o('RCP deny on s3 only when not secure transport: secure', 'Allowed', D.rcps, { identityPolicies: [doc(allow('s3:*'))], rcps: [[doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })]], request: s3req(OBJ, { 'aws:SecureTransport': 'true' }) });
o('Bool aws:SecureTransport false Deny: insecure', 'ExplicitDeny', D.s3Policies, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol('*', 'Deny', 's3:*', { Bool: { 'aws:SecureTransport': 'false' } }), request: s3req(OBJ, { 'aws:SecureTransport': 'false' }) });
o('Bool aws:SecureTransport false Deny: secure', 'Allowed', D.s3Policies, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol('*', 'Deny', 's3:*', { Bool: { 'aws:SecureTransport': 'false' } }), request: s3req(OBJ, { 'aws:SecureTransport': 'true' }) });
o('Bool aws:SecureTransport false Deny: key absent', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol('*', 'Deny', 's3:*', { Bool: { 'aws:SecureTransport': 'false' } }), request: s3req() });
o('BoolIfExists aws:SecureTransport false Deny: key absent', 'ExplicitDeny', D.ifExists, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol('*', 'Deny', 's3:*', { BoolIfExists: { 'aws:SecureTransport': 'false' } }), request: s3req() });
o('Allow NotResource secret/*: other object', 'Allowed', D.notResource, { identityPolicies: [doc(st('Allow', 's3:GetObject', undefined, undefined, { NotResource: `${BUCKET}/secret/*` }))], request: s3req() });
o('Allow NotResource secret/*: secret object', 'ImplicitDeny', D.notResource, { identityPolicies: [doc(st('Allow', 's3:GetObject', undefined, undefined, { NotResource: `${BUCKET}/secret/*` }))], request: s3req(`${BUCKET}/secret/key.txt`) });
o('${aws:username} home prefix: own', 'Allowed', D.variables, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`))], request: s3req(`${BUCKET}/home/alice/a.txt`, { 'aws:username': 'alice' }) });
o('${aws:username} home prefix: other user', 'ImplicitDeny', D.variables, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`))], request: s3req(`${BUCKET}/home/bob/a.txt`, { 'aws:username': 'alice' }) });
o('${*} is a literal asterisk: object named *', 'Allowed', D.variables, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}/\${*}`))], request: s3req(`${BUCKET}/*`) });
o('${*} is a literal asterisk: other object', 'ImplicitDeny', D.variables, { identityPolicies: [doc(allow('s3:GetObject', `${BUCKET}/\${*}`))], request: s3req(`${BUCKET}/report.csv`) });
o('wildcard-only action s3:ListAllMyBuckets on *', 'Allowed', D.resource, { identityPolicies: [doc(allow('s3:ListAllMyBuckets'))], request: { principal: ALICE, action: 's3:ListAllMyBuckets', resource: '*', context: {} } });
o('NumericLessThanEquals s3:max-keys: 50', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:ListBucket', BUCKET, { NumericLessThanEquals: { 's3:max-keys': '100' } }))], request: s3req(BUCKET, { 's3:max-keys': '50' }, ALICE, 's3:ListBucket') });
o('NumericLessThanEquals s3:max-keys: 500', 'ImplicitDeny', D.operators, { identityPolicies: [doc(allow('s3:ListBucket', BUCKET, { NumericLessThanEquals: { 's3:max-keys': '100' } }))], request: s3req(BUCKET, { 's3:max-keys': '500' }, ALICE, 's3:ListBucket') });
o('StringLike s3:prefix home/*', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:ListBucket', BUCKET, { StringLike: { 's3:prefix': 'home/*' } }))], request: s3req(BUCKET, { 's3:prefix': 'home/alice/' }, ALICE, 's3:ListBucket') });
o('NotIpAddress Deny outside corporate range', 'ExplicitDeny', D.operators, { identityPolicies: [doc(allow('s3:*'), deny('s3:*', '*', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }))], request: s3req(OBJ, { 'aws:SourceIp': '198.51.100.7' }) });
o('NotIpAddress Deny: inside second range', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:*'), deny('s3:*', '*', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }))], request: s3req(OBJ, { 'aws:SourceIp': '203.0.113.9' }) });
o('DateGreaterThan with an epoch-seconds value', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:GetObject', '*', { DateGreaterThan: { 'aws:CurrentTime': '1700000000' } }))], request: s3req(OBJ, { 'aws:CurrentTime': '2026-11-28T03:00:00Z' }) });

// multi-valued keys with iam:TagRole
const TAGROLE = (context) => ({ principal: ALICE, action: 'iam:TagRole', resource: JOB, context });
const tagPol = (cond, effect = 'Allow') => doc(st(effect, 'iam:TagRole', '*', cond));
o('ForAllValues aws:TagKeys subset', 'Allowed', D.multiValue, { identityPolicies: [tagPol({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env', 'cost'] } })], request: TAGROLE({ 'aws:TagKeys': ['team', 'env'] }) });
o('ForAllValues aws:TagKeys not a subset', 'ImplicitDeny', D.multiValue, { identityPolicies: [tagPol({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } })], request: TAGROLE({ 'aws:TagKeys': ['team', 'owner'] }) });
o('ForAllValues aws:TagKeys key absent', 'Allowed', D.multiValue, { identityPolicies: [tagPol({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })], request: TAGROLE({}) });
o('ForAnyValue aws:TagKeys one matches', 'Allowed', D.multiValue, { identityPolicies: [tagPol({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })], request: TAGROLE({ 'aws:TagKeys': ['team', 'env'] }) });
o('ForAnyValue aws:TagKeys none match', 'ImplicitDeny', D.multiValue, { identityPolicies: [tagPol({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })], request: TAGROLE({ 'aws:TagKeys': ['team'] }) });
o('ForAnyValue aws:TagKeys key absent', 'ImplicitDeny', D.multiValue, { identityPolicies: [tagPol({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })], request: TAGROLE({}) });
o('Deny ForAnyValue aws:TagKeys admin + Allow', 'ExplicitDeny', D.multiValue, { identityPolicies: [doc(allow('iam:TagRole')), tagPol({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['admin'] } }, 'Deny')], request: TAGROLE({ 'aws:TagKeys': ['admin', 'team'] }) });
o('ForAllValues:StringLike aws:TagKeys with wildcard', 'Allowed', D.multiValue, { identityPolicies: [tagPol({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['app-*'] } })], request: TAGROLE({ 'aws:TagKeys': ['app-name', 'app-tier'] }) });
o('aws:RequestTag/team StringEquals', 'Allowed', D.globalKeys, { identityPolicies: [tagPol({ StringEquals: { 'aws:RequestTag/team': 'data' } })], request: TAGROLE({ 'aws:RequestTag/team': 'data', 'aws:TagKeys': ['team'] }) });
o('aws:RequestTag/team StringEquals: wrong value', 'ImplicitDeny', D.globalKeys, { identityPolicies: [tagPol({ StringEquals: { 'aws:RequestTag/team': 'data' } })], request: TAGROLE({ 'aws:RequestTag/team': 'ml', 'aws:TagKeys': ['team'] }) });
o('aws:ResourceTag/env on role: match', 'Allowed', D.globalKeys, { identityPolicies: [tagPol({ StringEquals: { 'aws:ResourceTag/env': 'dev' } })], request: TAGROLE({ 'aws:ResourceTag/env': 'dev' }) });

// session policy + boundary + SCP combos on s3
o('session policy intersects identity: both allow', 'Allowed', D.session, { identityPolicies: [doc(allow('s3:*'))], sessionPolicy: doc(allow('s3:GetObject', `${BUCKET}/*`)), request: s3req(OBJ, {}, SESSION) });
o('session policy intersects identity: session scope excludes object', 'ImplicitDeny', D.session, { identityPolicies: [doc(allow('s3:*'))], sessionPolicy: doc(allow('s3:GetObject', `${BUCKET}/public/*`)), request: s3req(OBJ, {}, SESSION) });
o('all layers allow (SCP, boundary, session, identity)', 'Allowed', D.evalLogic, { identityPolicies: [doc(allow('s3:GetObject'))], permissionBoundary: doc(allow('s3:*')), sessionPolicy: doc(allow('s3:*')), scps: [[FULL], [doc(allow('s3:*'))]], request: s3req(OBJ, {}, SESSION) });
o('boundary missing s3 while others allow', 'ImplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('s3:GetObject'))], permissionBoundary: doc(allow('ec2:*')), sessionPolicy: doc(allow('s3:*')), scps: [[FULL]], request: s3req(OBJ, {}, SESSION) });
o('explicit deny in one SCP beats an allow at the same level', 'ExplicitDeny', D.scpEval, { identityPolicies: [doc(allow('s3:*'))], scps: [[FULL, doc(deny('s3:GetObject'))]], request: s3req() });
o('two SCPs at one level: union of allows', 'Allowed', D.scpEval, { identityPolicies: [doc(allow('s3:*'))], scps: [[doc(allow('ec2:*')), doc(allow('s3:GetObject'))]], request: s3req() });
o('SCP Allow with a condition: matches', 'Allowed', D.scps, { identityPolicies: [doc(allow('s3:*'))], scps: [[doc(allow('s3:*', '*', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }))]], request: s3req(OBJ, { 'aws:RequestedRegion': 'us-east-1' }) });
o('SCP Deny by aws:RequestedRegion outside allowed', 'ExplicitDeny', D.scps, { identityPolicies: [doc(allow('s3:*'))], scps: [[FULL, doc(deny('s3:*', '*', { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }))]], request: s3req(OBJ, { 'aws:RequestedRegion': 'ap-south-1' }) });
o('Condition with multiple values OR: second matches', 'Allowed', D.multiCond, { identityPolicies: [doc(allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/dept': ['sales', 'finance'] } }))], request: s3req(OBJ, { 'aws:PrincipalTag/dept': 'finance' }) });
o('StringNotEqualsIgnoreCase deny: same value different case', 'Allowed', D.operators, { identityPolicies: [doc(allow('s3:*'), deny('s3:*', '*', { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'SALES' } }))], request: s3req(OBJ, { 'aws:PrincipalTag/dept': 'sales' }) });

// ===================== edge cases (likely oracle divergences) =====================
const edgeCases = [];
const e = add(edgeCases);
const ROLE_SESSION = `arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice`;
const ROLE_ARN = role('DataEngineer');
D.notPrincipal = IAMUG + 'reference_policies_elements_notprincipal.html';
D.principal = IAMUG + 'reference_policies_elements_principal.html';
D.version = IAMUG + 'reference_policies_elements_version.html';
D.rcpServices = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services';
// RCPs only apply to the services listed as RCP-supported; IAM is not one of them.
e('RCP deny iam:PassRole does not apply (IAM is not an RCP-supported service)', 'Allowed', D.rcpServices, { identityPolicies: [GCFA], rcps: [[doc({ Effect: 'Deny', Principal: '*', Action: 'iam:PassRole', Resource: '*' })]], request: pr(role('AWSGlueServiceRole-etl')) },
  'ORACLE DISAGREES: iam-simulate applies RCPs to every service; the Organizations RCP page lists the services RCPs apply to and IAM is not among them, so the RCP cannot deny iam:PassRole.');
e('RCP deny iam:* does not apply to iam:PassRole', 'Allowed', D.rcpServices, { identityPolicies: [GCFA], rcps: [[doc({ Effect: 'Deny', Principal: '*', Action: 'iam:*', Resource: '*' })]], request: pr(role('AWSGlueServiceRole-etl')) },
  'ORACLE DISAGREES: iam-simulate applies RCPs to every service; IAM is not an RCP-supported service (Organizations RCP page).');
// Version 2008-10-17 (or no Version): policy variables are literal text.
e('Version 2008-10-17: ${aws:username} is literal text', 'ImplicitDeny', D.variables, { identityPolicies: [{ Version: '2008-10-17', Statement: [allow('iam:PassRole', role('${aws:username}-glue'))] }], request: pr(role('alice-glue'), GLUE, { 'aws:username': 'alice' }) },
  'ORACLE DISAGREES: iam-simulate substitutes policy variables regardless of Version; the IAM docs say variables are only recognised with Version 2012-10-17 and are literal text otherwise.');
e('no Version element: ${aws:username} is literal text', 'ImplicitDeny', D.version, { identityPolicies: [{ Statement: [allow('iam:PassRole', role('${aws:username}-glue'))] }], request: pr(role('alice-glue'), GLUE, { 'aws:username': 'alice' }) },
  'ORACLE DISAGREES: a policy without Version defaults to 2008-10-17 (Version element page), where policy variables are literal text; iam-simulate substitutes them anyway.');
e('Version 2012-10-17: ${aws:username} substituted (control)', 'Allowed', D.variables, { identityPolicies: [{ Version: '2012-10-17', Statement: [allow('iam:PassRole', role('${aws:username}-glue'))] }], request: pr(role('alice-glue'), GLUE, { 'aws:username': 'alice' }) });
// Resource policies naming a role vs a role session, with a boundary / session policy.
const rb = (p) => bucketPol({ AWS: p });
e('boundary limits a resource policy that names the role ARN', 'ImplicitDeny', D.evalLogic, { permissionBoundary: doc(allow('glue:*')), resourcePolicy: rb(ROLE_ARN), request: s3req(OBJ, {}, ROLE_SESSION) });
e('boundary does not limit a resource policy that names the session ARN', 'Allowed', D.evalLogic, { permissionBoundary: doc(allow('glue:*')), resourcePolicy: rb(ROLE_SESSION), request: s3req(OBJ, {}, ROLE_SESSION) });
e('session policy limits a resource policy that names the role ARN', 'ImplicitDeny', D.session, { sessionPolicy: doc(allow('glue:*')), resourcePolicy: rb(ROLE_ARN), request: s3req(OBJ, {}, ROLE_SESSION) });
e('session policy does not limit a resource policy that names the session ARN', 'Allowed', D.session, { sessionPolicy: doc(allow('glue:*')), resourcePolicy: rb(ROLE_SESSION), request: s3req(OBJ, {}, ROLE_SESSION) },
  'ORACLE DISAGREES: the session-policy section of the IAM policies page says permissions from a resource-based policy that names the session ARN are added after the session is created and are not limited by the session policy; iam-simulate applies the session policy anyway (it does treat the boundary this way).');
e('resource policy naming the role ARN, no boundary/session policy', 'Allowed', D.evalLogic, { resourcePolicy: rb(ROLE_ARN), request: s3req(OBJ, {}, ROLE_SESSION) });
// NotPrincipal + Deny with a boundary attached always denies (documented pitfall).
e('NotPrincipal Deny excludes alice, but alice has a boundary', 'ExplicitDeny', D.boundaries, { identityPolicies: [doc(allow('s3:*'))], permissionBoundary: doc(allow('s3:*')), resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [ALICE, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }), request: s3req() },
  'The permissions-boundary page warns that a Deny with NotPrincipal always denies principals that have a boundary attached.');
e('NotPrincipal Deny excludes alice, no boundary', 'Allowed', D.notPrincipal, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [ALICE, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }), request: s3req() });
e('NotPrincipal Deny does not exclude bob: alice denied', 'ExplicitDeny', D.notPrincipal, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:user/bob` }, Action: 's3:*', Resource: `${BUCKET}/*` }), request: s3req() });
// Principal element: wildcards are not pattern matches on ARNs.
e('Principal with partial wildcard user/* does not match (not a pattern)', 'ImplicitDeny', D.principal, { resourcePolicy: rb(`arn:aws:iam::${ACCT}:user/*`), request: s3req() });
e('Principal "*" same account grants without identity policy', 'Allowed', D.principal, { resourcePolicy: bucketPol('*'), request: s3req() });
e('Principal {"AWS":"*"} same account grants', 'Allowed', D.principal, { resourcePolicy: bucketPol({ AWS: '*' }), request: s3req() });
e('resource policy names alice by account-root only, identity allows', 'Allowed', D.evalLogic, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: rb(`arn:aws:iam::${ACCT}:root`), request: s3req() });
e('resource policy names account id shorthand only, identity allows', 'Allowed', D.principal, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: rb(ACCT), request: s3req() });
// more PassRole-to-Glue edge cases
e('glue: SCP NotAction deny (allow-list via deny) without iam', 'ExplicitDeny', D.scps, { identityPolicies: [ADMIN], scps: [[FULL, doc(st('Deny', undefined, '*', undefined, { NotAction: ['glue:*', 's3:*', 'sts:*'] }))]], request: pr(JOB) });
e('glue: SCP allow scoped to role/AWSGlue*: custom role', 'ImplicitDeny', D.scps, { identityPolicies: [ADMIN], scps: [[FULL], [doc(allow('iam:PassRole', 'arn:aws:iam::*:role/AWSGlue*'))]], request: pr(JOB) });
e('glue: SCP allow scoped to role/AWSGlue*: glue role', 'Allowed', D.scps, { identityPolicies: [ADMIN], scps: [[FULL], [doc(allow('iam:PassRole', 'arn:aws:iam::*:role/AWSGlue*'))]], request: pr(role('AWSGlueServiceRole-etl')) });
e('glue: boundary with NotResource excluding admin roles', 'Allowed', D.boundaries, { identityPolicies: [ADMIN], permissionBoundary: doc(st('Allow', 'iam:PassRole', undefined, undefined, { NotResource: role('Admin*') })), request: pr(JOB) });
e('glue: boundary with NotResource excluding admin roles: AdminRole', 'ImplicitDeny', D.boundaries, { identityPolicies: [ADMIN], permissionBoundary: doc(st('Allow', 'iam:PassRole', undefined, undefined, { NotResource: role('Admin*') })), request: pr(role('AdminRole')) });
e('glue: ForAllValues:StringLike PassedToService glue.*', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAllValues:StringLike', 'glue.*'))], request: pr(JOB) });
e('glue: NumericLessThan with non-numeric context value', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })], request: pr(JOB, GLUE, { 'aws:MultiFactorAuthAge': 'soon' }) });
e('glue: ${aws:username} with assumed-role caller (no username)', 'ImplicitDeny', D.variables, { identityPolicies: [passAllow(role('${aws:username}-glue'))], request: pr(role('alice-glue'), GLUE, {}, ROLE_SESSION) });
e('glue: ${aws:PrincipalTag/team, default} default used', 'Allowed', D.variables, { identityPolicies: [passAllow(role("${aws:PrincipalTag/team, 'shared'}-glue"))], request: pr(role('shared-glue')) });
e('glue: StringLike with ${?} literal question mark', 'ImplicitDeny', D.variables, { identityPolicies: [passAllow(JOB, toSvc('StringLike', 'glue.amazonaws.co${?}'))], request: pr(JOB) });
e('glue: DateGreaterThan aws:TokenIssueTime absent for user', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } })], request: pr(JOB) });
e('glue: Statement Action list with PassRole and GetRole', 'Allowed', D.action, { identityPolicies: [doc(allow(['iam:GetRole', 'iam:PassRole'], role('AWSGlueServiceRole*')))], request: pr(role('AWSGlueServiceRole-etl')) });
e('glue: Deny NotAction with condition MFA (BoolIfExists) and MFA true', 'Allowed', D.forceMfa, { identityPolicies: [ADMIN, doc(st('Deny', undefined, '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, { NotAction: ['iam:ListMFADevices'] }))], request: pr(JOB, GLUE, mfa('true')) });
e('glue: ArnEquals accepts wildcards like ArnLike', 'Allowed', D.operators, { identityPolicies: [passAllow(JOB, { ArnEquals: assoc(`arn:aws:glue:*:${ACCT}:job/etl-*`) })], request: pr(JOB, GLUE, assoc(JOBARN)) });
e('glue: ArnLike compares colon-delimited segments separately', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { ArnLike: assoc('arn:aws:glue:*') })], request: pr(JOB, GLUE, assoc(JOBARN)) });
e('glue: policy variable as a condition value', 'Allowed', D.variables, { identityPolicies: [passAllow(JOB, { StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } })], request: pr(JOB, GLUE, { 'aws:PrincipalTag/owner': 'alice', 'aws:username': 'alice' }) });
e('glue: policy variable as a condition value: mismatch', 'ImplicitDeny', D.variables, { identityPolicies: [passAllow(JOB, { StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } })], request: pr(JOB, GLUE, { 'aws:PrincipalTag/owner': 'bob', 'aws:username': 'alice' }) });
e('resource policy Deny naming the role ARN applies to its sessions', 'ExplicitDeny', D.principal, { identityPolicies: [doc(allow('s3:*'))], resourcePolicy: bucketPol({ AWS: ROLE_ARN }, 'Deny'), request: s3req(OBJ, {}, ROLE_SESSION) });
e('Principal with a wildcard session name does not match (not a pattern)', 'ImplicitDeny', D.principal, { resourcePolicy: rb(`arn:aws:sts::${ACCT}:assumed-role/DataEngineer/*`), request: s3req(OBJ, {}, ROLE_SESSION) });
e('policy with an empty Statement list grants nothing', 'ImplicitDeny', D.evalLogic, { identityPolicies: [{ Version: '2012-10-17', Statement: [] }], request: s3req() });
e('Statement given as a single object', 'Allowed', IAMUG + 'reference_policies_elements_statement.html', { identityPolicies: [{ Version: '2012-10-17', Statement: allow('s3:GetObject', `${BUCKET}/*`) }], request: s3req() });
const rcpOrg = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } });
e('RCP data perimeter: principal from another org', 'ExplicitDeny', D.rcps, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${OTHER}:root` }), rcps: [[rcpOrg]], request: { ...xreq(), context: { 'aws:PrincipalOrgID': 'o-zzz999' } } });
e('RCP data perimeter: principal from the same org', 'Allowed', D.rcps, { identityPolicies: [doc(allow('s3:GetObject'))], resourcePolicy: bucketPol({ AWS: `arn:aws:iam::${OTHER}:root` }), rcps: [[rcpOrg]], request: { ...xreq(), context: { 'aws:PrincipalOrgID': 'o-abc123' } } });
e('glue: ForAnyValue:StringEquals list [glue, ec2]: ec2', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, toSvc('ForAnyValue:StringEquals', [GLUE, EC2]))], request: pr(JOB, EC2) });
e('glue: Deny on iam:PassRole in a second identity policy with Sid and list Resource', 'ExplicitDeny', D.evalLogic, { identityPolicies: [GCFA, doc({ Sid: 'NoProdRoles', Effect: 'Deny', Action: ['iam:PassRole'], Resource: [role('AWSGlueServiceRole-prod*'), role('service-role/AWSGlueServiceRole-prod*')] })], request: pr(role('service-role/AWSGlueServiceRole-prod-etl')) });
e('glue: aws:CalledVia ForAnyValue (multivalued key)', 'Allowed', D.multiValue, { identityPolicies: [passAllow(JOB, { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } })], request: pr(JOB, GLUE, { 'aws:CalledVia': ['cloudformation.amazonaws.com'] }) });
e('glue: aws:CalledVia ForAnyValue: absent (direct call)', 'ImplicitDeny', D.multiValue, { identityPolicies: [passAllow(JOB, { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } })], request: pr(JOB) });
e('glue: ArnLike on PassedToService-like value is a type mismatch', 'ImplicitDeny', D.operators, { identityPolicies: [passAllow(JOB, { ArnLike: { 'iam:AssociatedResourceArn': 'glue.amazonaws.com' } })], request: pr(JOB, GLUE, assoc(JOBARN)) });

// ===================== documented exceptions to the general rules (issue 11) =====================
const exceptionCases = [];
const x = add(exceptionCases);
D.orgScpEval = D.scpEval;
D.kmsKeyPolicies = 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html';
D.getCallerIdentity = 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html';
D.getFederationToken = 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html';
D.federationPermissions = IAMUG + 'id_credentials_temp_control-access_getfederationtoken.html';
const TARGET = role('DataEngineer');
const FEDERATED = `arn:aws:sts::${ACCT}:federated-user/bob`;
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const trust = (Principal, Action = 'sts:AssumeRole') => doc({ Effect: 'Allow', Principal, Action });
const stsReq = (action = 'sts:AssumeRole', principal = ALICE, context = {}) => ({ principal, action, resource: TARGET, context });
const keyPol = (Principal) => doc({ Effect: 'Allow', Principal, Action: 'kms:*', Resource: '*' });
const kmsReq = (principal = ALICE) => ({ principal, action: 'kms:Decrypt', resource: KEY, context: {} });
// 1. every SCP level must allow, an empty level too; an empty RCP level still has RCPFullAWSAccess
x('SCP level with no policies denies', 'ImplicitDeny', D.orgScpEval, { identityPolicies: [ADMIN], scps: [[FULL], []], request: pr(JOB) });
x('SCP root level with no policies denies even s3', 'ImplicitDeny', D.orgScpEval, { identityPolicies: [doc(allow('s3:*'))], scps: [[]], request: s3req() });
x('RCP levels with no policies allow (RCPFullAWSAccess)', 'Allowed', D.rcps, { identityPolicies: [doc(allow('s3:GetObject'))], rcps: [[], []], request: s3req() });
// 2. a role's trust policy and a KMS key policy must allow on their own
x('AssumeRole: identity allow, trust names only glue', 'ImplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('sts:AssumeRole'))], resourcePolicy: trust({ Service: GLUE }), request: stsReq() });
x('AssumeRole: identity allow, trust names the account', 'Allowed', D.evalLogic, { identityPolicies: [doc(allow('sts:AssumeRole'))], resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:root` }), request: stsReq() });
x('AssumeRole: no identity allow, trust names the account', 'ImplicitDeny', D.evalLogic, { resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:root` }), request: stsReq() });
x('AssumeRole: no identity allow, trust names the user', 'Allowed', D.evalLogic, { resourcePolicy: trust({ AWS: ALICE }), request: stsReq() });
x('AssumeRole by glue.amazonaws.com: trust names glue', 'Allowed', D.glueRole, { resourcePolicy: trust({ Service: GLUE }), request: stsReq('sts:AssumeRole', GLUE) });
x('AssumeRole by glue.amazonaws.com: trust names ec2 only', 'ImplicitDeny', D.glueRole, { resourcePolicy: trust({ Service: EC2 }), request: stsReq('sts:AssumeRole', GLUE) });
x('TagSession: identity allow, trust allows only AssumeRole', 'ImplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('sts:*'))], resourcePolicy: trust({ AWS: ALICE }), request: stsReq('sts:TagSession') });
x('kms:Decrypt: identity allow, key policy names another role', 'ImplicitDeny', D.kmsKeyPolicies, { identityPolicies: [doc(allow('kms:Decrypt'))], resourcePolicy: keyPol({ AWS: role('KeyAdmin') }), request: kmsReq() });
x('kms:Decrypt: key policy enables IAM policies, identity allow', 'Allowed', D.kmsKeyPolicies, { identityPolicies: [doc(allow('kms:Decrypt'))], resourcePolicy: keyPol({ AWS: `arn:aws:iam::${ACCT}:root` }), request: kmsReq() });
x('kms:Decrypt: key policy enables IAM policies, no identity allow', 'ImplicitDeny', D.kmsKeyPolicies, { resourcePolicy: keyPol({ AWS: `arn:aws:iam::${ACCT}:root` }), request: kmsReq() });
x('kms:Decrypt: key policy names the user, no identity allow', 'Allowed', D.kmsKeyPolicies, { resourcePolicy: keyPol({ AWS: ALICE }), request: kmsReq() });
// 3. sts:GetCallerIdentity needs no permission
x('GetCallerIdentity explicitly denied is still allowed', 'Allowed', D.getCallerIdentity, { identityPolicies: [doc(deny('sts:GetCallerIdentity'))], request: { principal: ALICE, action: 'sts:GetCallerIdentity', resource: '*', context: {} } });
x('GetCallerIdentity with no policies is allowed', 'Allowed', D.getCallerIdentity, { request: { principal: ALICE, action: 'sts:GetCallerIdentity', resource: '*', context: {} } });
// 5. policy variables only in the resource part of a Resource ARN (after the fifth colon)
x('variable in the account field of Resource is literal text', 'ImplicitDeny', D.variables, { identityPolicies: [passAllow('arn:aws:iam::${aws:PrincipalAccount}:role/GlueJobRole')], request: pr(JOB, GLUE, { 'aws:PrincipalAccount': ACCT }) });
x('variable in the resource part of Resource is substituted', 'Allowed', D.variables, { identityPolicies: [passAllow(`arn:aws:iam::${ACCT}:role/\${aws:PrincipalTag/team}-glue`)], request: pr(role('etl-glue'), GLUE, { 'aws:PrincipalTag/team': 'etl' }) });
// 6. a federated user (GetFederationToken) without a session policy has no permissions
x('federated user without session policy: identity allow is not enough', 'ImplicitDeny', D.getFederationToken, { identityPolicies: [doc(allow('s3:*'))], request: s3req(OBJ, {}, FEDERATED) },
  'ORACLE DISAGREES: the GetFederationToken API reference says a federated-user session created without a session policy has no permissions; iam-simulate treats a missing session policy as no limit and lets the identity policy allow.');
x('federated user with session policy: intersection allows', 'Allowed', D.federationPermissions, { identityPolicies: [doc(allow('s3:*'))], sessionPolicy: doc(allow('s3:GetObject')), request: s3req(OBJ, {}, FEDERATED) });
x('federated user with session policy: session scope excludes the action', 'ImplicitDeny', D.federationPermissions, { identityPolicies: [doc(allow('s3:*'))], sessionPolicy: doc(allow('s3:PutObject')), request: s3req(OBJ, {}, FEDERATED) });
x('federated user named by a bucket policy, no session policy', 'Allowed', D.federationPermissions, { resourcePolicy: bucketPol({ AWS: FEDERATED }), request: s3req(OBJ, {}, FEDERATED) });
// 7. a "*" grant in a resource-based policy names the role's session directly
x('role principal: bucket policy {"AWS":"*"} not limited by the boundary', 'Allowed', D.evalLogic, { permissionBoundary: doc(allow('glue:*')), resourcePolicy: bucketPol({ AWS: '*' }), request: s3req(OBJ, {}, ROLE_ARN) });
x('role principal: bucket policy "*" not limited by the session policy', 'Allowed', D.session, { sessionPolicy: doc(allow('glue:*')), resourcePolicy: bucketPol('*'), request: s3req(OBJ, {}, ROLE_ARN) },
  'ORACLE DISAGREES: "*" names the session making the request, and the evaluation-logic page says a resource-based policy that grants the session principal directly is not limited by an implicit deny in a session policy; iam-simulate applies the session policy to every resource-policy grant (as in edge/session policy does not limit a resource policy that names the session ARN).');
x('role principal: bucket policy naming the role ARN is limited by the boundary', 'ImplicitDeny', D.evalLogic, { identityPolicies: [doc(allow('s3:*'))], permissionBoundary: doc(allow('glue:*')), resourcePolicy: rb(ROLE_ARN), request: s3req(OBJ, {}, ROLE_ARN) });
x('role session: bucket policy {"AWS":"*"} not limited by the boundary', 'Allowed', D.evalLogic, { permissionBoundary: doc(allow('glue:*')), resourcePolicy: bucketPol({ AWS: '*' }), request: s3req(OBJ, {}, ROLE_SESSION) });

// ===================== the request builder's contexts (tags, organization, time, source account, circumstances) =====================
// Each context below is written literally as RequestBuilder (src/GluePassRole.Diagnostics/Requests) produced it; the C# test
// RequestBuilderTests.ConformanceCases_ContextsAreTheBuildersContexts rebuilds them and fails if the builder changes.
// Builder: new RequestBuilder(new RequestOptions { Clock = a clock fixed at 2026-12-07T19:53:01Z }), with
//   alice   = IAM user arn:aws:iam::111122223333:user/alice, unique ID AIDAJQABLZS4A3QDU576Q, tag team=etl,
//             organization o-a1b2c3d4e5 at o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/;
//   session = role session arn:aws:sts::111122223333:assumed-role/DataEngineer/alice of role DataEngineer
//             (unique ID AROA3XFRBF535PLBIFPI4, tag team=etl, same organization);
//   GlueJobRole = RoleTarget arn:aws:iam::111122223333:role/service-role/GlueJobRole tagged env=prod.
// Circumstance cases add the values of one class of each circumstance (as CompiledPolicySet.DecideUnder decides them).
const builderCases = [];
const b = add(builderCases);
const BROLE = role('service-role/GlueJobRole');
const BSESSION = `arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice`;
const ORGPATH = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/';
// builder.PassRole(alice, GlueJobRole, "glue.amazonaws.com").Request.Context
const USER_CTX = {
  'iam:PassedToService': 'glue.amazonaws.com',
  'aws:PrincipalAccount': '111122223333',
  'aws:PrincipalIsAWSService': 'false',
  'aws:PrincipalType': 'User',
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice',
  'aws:userid': 'AIDAJQABLZS4A3QDU576Q',
  'aws:username': 'alice',
  'aws:PrincipalTag/team': 'etl',
  'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
  'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceAccount': '111122223333',
  'aws:ResourceOrgID': 'o-a1b2c3d4e5',
  'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceTag/env': 'prod',
  'iam:ResourceTag/env': 'prod',
  'aws:CurrentTime': '2026-12-07T19:53:01Z',
  'aws:EpochTime': '1796673181',
  'aws:SecureTransport': 'true'
};
// builder.PassRole(session, GlueJobRole, "glue.amazonaws.com").Request.Context
const SESSION_CTX = {
  'iam:PassedToService': 'glue.amazonaws.com',
  'aws:PrincipalAccount': '111122223333',
  'aws:PrincipalIsAWSService': 'false',
  'aws:PrincipalType': 'AssumedRole',
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/DataEngineer',
  'aws:userid': 'AROA3XFRBF535PLBIFPI4:alice',
  'aws:PrincipalTag/team': 'etl',
  'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
  'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceAccount': '111122223333',
  'aws:ResourceOrgID': 'o-a1b2c3d4e5',
  'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceTag/env': 'prod',
  'iam:ResourceTag/env': 'prod',
  'aws:CurrentTime': '2026-12-07T19:53:01Z',
  'aws:EpochTime': '1796673181',
  'aws:SecureTransport': 'true'
};
// builder.PassRole(RequestCaller.GroupMember("aws", "111122223333", "developers", organization), GlueJobRole, "glue.amazonaws.com").Request.Context
const GROUP_CTX = {
  'iam:PassedToService': 'glue.amazonaws.com',
  'aws:PrincipalAccount': '111122223333',
  'aws:PrincipalIsAWSService': 'false',
  'aws:PrincipalType': 'User',
  'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
  'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceAccount': '111122223333',
  'aws:ResourceOrgID': 'o-a1b2c3d4e5',
  'aws:ResourceOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
  'aws:ResourceTag/env': 'prod',
  'iam:ResourceTag/env': 'prod',
  'aws:CurrentTime': '2026-12-07T19:53:01Z',
  'aws:EpochTime': '1796673181',
  'aws:SecureTransport': 'true'
};
// builder.ServiceAssumeRole("glue.amazonaws.com", GlueJobRole).Request.Context
const TRUST_CTX = {
  'aws:PrincipalIsAWSService': 'true',
  'aws:PrincipalServiceName': 'glue.amazonaws.com',
  'aws:ResourceAccount': '111122223333',
  'aws:ResourceTag/env': 'prod',
  'iam:ResourceTag/env': 'prod',
  'aws:CurrentTime': '2026-12-07T19:53:01Z',
  'aws:EpochTime': '1796673181',
  'aws:SecureTransport': 'true'
};
const userReq = (circumstances = {}) => ({ principal: ALICE, action: 'iam:PassRole', resource: BROLE, context: { ...USER_CTX, ...circumstances } });
const sessionReq = () => ({ principal: BSESSION, action: 'iam:PassRole', resource: BROLE, context: { ...SESSION_CTX } });
const groupReq = (circumstances = {}) => ({ principal: `arn:aws:iam::${ACCT}:user/member-of-group/developers`, action: 'iam:PassRole', resource: BROLE, context: { ...GROUP_CTX, ...circumstances } });
const trustReq = (circumstances = {}) => ({ principal: GLUE, action: 'sts:AssumeRole', resource: BROLE, context: { ...TRUST_CTX, ...circumstances } });
const passIf = (c) => doc(allow('iam:PassRole', '*', c));
const UNRELIABLE = 'The PassRole page warns that tag conditions on iam:PassRole "do not have reliable results": no documented expectation; compared with the independent engine only.';
// organization keys (global keys page: PrincipalOrgID/OrgPaths only in an organization; OrgPaths multivalued, e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/)
b('user: StringEquals aws:PrincipalOrgID', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })], request: userReq() });
b('user: StringEquals aws:PrincipalOrgID of another organization', 'ImplicitDeny', D.globalKeys, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })], request: userReq() });
b('user: ForAnyValue:StringLike aws:PrincipalOrgPaths the OU and below', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } })], request: userReq() });
b('user: ForAnyValue:StringEquals aws:PrincipalOrgPaths a child OU', 'ImplicitDeny', D.globalKeys, { identityPolicies: [passIf({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/' } })], request: userReq() });
b('user: StringEquals aws:ResourceOrgID ${aws:PrincipalOrgID}', 'Allowed', D.variables, { identityPolicies: [passIf({ StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } })], request: userReq() });
b('user: StringEquals aws:ResourceAccount ${aws:PrincipalAccount}', 'Allowed', D.variables, { identityPolicies: [passIf({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } })], request: userReq() });
// principal keys and tags
b('user: StringEquals aws:PrincipalTag/team etl', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalTag/team': 'etl' } })], request: userReq() });
b('user: Deny unless aws:PrincipalTag/team etl, over AdministratorAccess', 'Allowed', D.globalKeys, { identityPolicies: [ADMIN, doc(deny('iam:PassRole', '*', { StringNotEquals: { 'aws:PrincipalTag/team': 'etl' } }))], request: userReq() });
b('user: StringEquals aws:PrincipalTag/team data', 'ImplicitDeny', D.globalKeys, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalTag/team': 'data' } })], request: userReq() });
b('user: StringEquals iam:ResourceTag/env prod', undefined, D.passrole, { identityPolicies: [passIf({ StringEquals: { 'iam:ResourceTag/env': 'prod' } })], request: userReq() }, UNRELIABLE);
b('user: StringEquals aws:ResourceTag/env prod', undefined, D.passrole, { identityPolicies: [passIf({ StringEquals: { 'aws:ResourceTag/env': 'prod' } })], request: userReq() }, UNRELIABLE);
b('user: StringEquals aws:ResourceTag/env ${aws:PrincipalTag/team}', undefined, D.passrole, { identityPolicies: [passIf({ StringEquals: { 'aws:ResourceTag/env': '${aws:PrincipalTag/team}' } })], request: userReq() }, UNRELIABLE);
b('user: StringLike aws:userid AIDA*', 'Allowed', D.variables, { identityPolicies: [passIf({ StringLike: { 'aws:userid': 'AIDA*' } })], request: userReq() });
b('user: StringEquals aws:username alice', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ StringEquals: { 'aws:username': 'alice' } })], request: userReq() });
b('user: StringEquals aws:PrincipalType User', 'Allowed', D.variables, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalType': 'User' } })], request: userReq() });
b('user: ArnLike aws:PrincipalArn user/*', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:user/*` } })], request: userReq() });
b('user: Bool aws:PrincipalIsAWSService true', 'ImplicitDeny', D.globalKeys, { identityPolicies: [passIf({ Bool: { 'aws:PrincipalIsAWSService': 'true' } })], request: userReq() });
b('user: Deny Bool aws:SecureTransport false, over AdministratorAccess', 'Allowed', D.globalKeys, { identityPolicies: [ADMIN, doc(deny('*', '*', { Bool: { 'aws:SecureTransport': 'false' } }))], request: userReq() });
b('session: ArnEquals aws:PrincipalArn the role', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/DataEngineer` } })], request: sessionReq() });
b('session: StringLike aws:userid AROA*:alice', 'Allowed', D.variables, { identityPolicies: [passIf({ StringLike: { 'aws:userid': 'AROA*:alice' } })], request: sessionReq() });
b('session: Null aws:username true', 'Allowed', D.nullOp, { identityPolicies: [passIf({ Null: { 'aws:username': 'true' } })], request: sessionReq() });
b('session: StringEquals aws:PrincipalType AssumedRole', 'Allowed', D.variables, { identityPolicies: [passIf({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } })], request: sessionReq() });
// time (global keys page: aws:CurrentTime ISO 8601, aws:EpochTime seconds; date and numeric operators)
b('user: DateLessThan aws:CurrentTime 2027-01-01', 'Allowed', D.operators, { identityPolicies: [passIf({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } })], request: userReq() });
b('user: DateGreaterThan aws:CurrentTime 2027-01-01', 'ImplicitDeny', D.operators, { identityPolicies: [passIf({ DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } })], request: userReq() });
b('user: DateEquals aws:CurrentTime the same moment', 'Allowed', D.operators, { identityPolicies: [passIf({ DateEquals: { 'aws:CurrentTime': '2026-12-07T19:53:01Z' } })], request: userReq() });
b('user: NumericLessThan aws:EpochTime the same second', 'ImplicitDeny', D.operators, { identityPolicies: [passIf({ NumericLessThan: { 'aws:EpochTime': '1796673181' } })], request: userReq() });
b('user: NumericLessThanEquals aws:EpochTime the same second', 'Allowed', D.operators, { identityPolicies: [passIf({ NumericLessThanEquals: { 'aws:EpochTime': '1796673181' } })], request: userReq() });
b('user: DateGreaterThan aws:EpochTime 2026-01-01 (epoch as a date)', 'Allowed', D.globalKeys, { identityPolicies: [passIf({ DateGreaterThan: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } })], request: userReq() },
  'ORACLE DISAGREES: the global keys page gives aws:EpochTime the Date (and Numeric) data type, and the condition operators page accepts ISO 8601 and epoch dates alike; iam-simulate 0.1.173 reads an all-digit date as epoch seconds but an ISO 8601 date as epoch milliseconds (condition/date/date.js parseDate), so it compares 1796673181 seconds with 1767225600000 milliseconds.');
// circumstances, each at the value of one class (CircumstanceTests decide the same classes)
const FORCE_PASS = [FORCE_MFA, passAllow()];
b('circumstance: force-MFA, MFA true', 'Allowed', D.forceMfa, { identityPolicies: FORCE_PASS, request: userReq({ 'aws:MultiFactorAuthPresent': 'true' }) });
b('circumstance: force-MFA, MFA false', 'ExplicitDeny', D.forceMfa, { identityPolicies: FORCE_PASS, request: userReq({ 'aws:MultiFactorAuthPresent': 'false' }) });
b('circumstance: force-MFA, MFA absent (access keys)', 'ExplicitDeny', D.forceMfa, { identityPolicies: FORCE_PASS, request: userReq() });
const FROM_NETS = [passIf({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } })];
b('circumstance: IpAddress, in 10.0.0.0/8 (10.0.0.0)', 'Allowed', D.operators, { identityPolicies: FROM_NETS, request: userReq({ 'aws:SourceIp': '10.0.0.0' }) });
b('circumstance: IpAddress, in 2001:db8::/32 (2001:db8::)', 'Allowed', D.operators, { identityPolicies: FROM_NETS, request: userReq({ 'aws:SourceIp': '2001:db8::' }) });
b('circumstance: IpAddress, outside (9.255.255.255)', 'ImplicitDeny', D.operators, { identityPolicies: FROM_NETS, request: userReq({ 'aws:SourceIp': '9.255.255.255' }) });
b('circumstance: IpAddress, outside (2001:db7:ffff:ffff:ffff:ffff:ffff:ffff)', 'ImplicitDeny', D.operators, { identityPolicies: FROM_NETS, request: userReq({ 'aws:SourceIp': '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff' }) });
b('circumstance: IpAddress, absent (VPC endpoint)', 'ImplicitDeny', D.operators, { identityPolicies: FROM_NETS, request: userReq() });
const OFFICE = [ADMIN, doc(deny('*', '*', { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' }, Bool: { 'aws:ViaAWSService': 'false' } }))];
D.denyIp = IAMUG + 'reference_policies_examples_aws_deny-ip.html';
b('circumstance: deny outside 192.0.2.0/24, outside (192.0.1.255), direct', 'ExplicitDeny', D.denyIp, { identityPolicies: OFFICE, request: userReq({ 'aws:SourceIp': '192.0.1.255', 'aws:ViaAWSService': 'false' }) });
b('circumstance: deny outside 192.0.2.0/24, inside (192.0.2.0), direct', 'Allowed', D.denyIp, { identityPolicies: OFFICE, request: userReq({ 'aws:SourceIp': '192.0.2.0', 'aws:ViaAWSService': 'false' }) });
b('circumstance: deny outside 192.0.2.0/24, outside, via a service', 'Allowed', D.denyIp, { identityPolicies: OFFICE, request: userReq({ 'aws:SourceIp': '192.0.1.255', 'aws:ViaAWSService': 'true' }) });
b('circumstance: deny outside 192.0.2.0/24, no source IP, direct', 'ExplicitDeny', D.denyIp, { identityPolicies: OFFICE, request: userReq({ 'aws:ViaAWSService': 'false' }) });
const STALE_MFA = [passAllow(), doc(deny('*', '*', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }))];
b('circumstance: MFA age <= 3600 (3599)', 'Allowed', D.operators, { identityPolicies: STALE_MFA, request: userReq({ 'aws:MultiFactorAuthAge': '3599' }) });
b('circumstance: MFA age > 3600 (3601)', 'ExplicitDeny', D.operators, { identityPolicies: STALE_MFA, request: userReq({ 'aws:MultiFactorAuthAge': '3601' }) });
b('circumstance: MFA age absent', 'Allowed', D.operators, { identityPolicies: STALE_MFA, request: userReq() });
const OLD_TOKENS = [passAllow(), doc(deny('*', '*', { DateLessThan: { 'aws:TokenIssueTime': '2026-06-01T00:00:00Z' } }))];
b('circumstance: token issued before 2026-06-01 (2026-05-31T23:59:59Z)', 'ExplicitDeny', D.operators, { identityPolicies: OLD_TOKENS, request: userReq({ 'aws:TokenIssueTime': '2026-05-31T23:59:59Z' }) });
b('circumstance: token issued at 2026-06-01T00:00:00Z', 'Allowed', D.operators, { identityPolicies: OLD_TOKENS, request: userReq({ 'aws:TokenIssueTime': '2026-06-01T00:00:00Z' }) });
const AGENTS = [doc(allow('iam:PassRole', '*', { StringLike: { 'aws:UserAgent': '*boto*' } }), deny('iam:PassRole', '*', { StringLike: { 'aws:UserAgent': 'aws-*' } }))];
b('circumstance: user agent like aws-* (aws-)', 'ExplicitDeny', D.operators, { identityPolicies: AGENTS, request: userReq({ 'aws:UserAgent': 'aws-' }) });
b('circumstance: user agent like *boto* (boto)', 'Allowed', D.operators, { identityPolicies: AGENTS, request: userReq({ 'aws:UserAgent': 'boto' }) });
b('circumstance: user agent like both (aws-boto)', 'ExplicitDeny', D.operators, { identityPolicies: AGENTS, request: userReq({ 'aws:UserAgent': 'aws-boto' }) });
b('circumstance: user agent another value (other-value)', 'ImplicitDeny', D.operators, { identityPolicies: AGENTS, request: userReq({ 'aws:UserAgent': 'other-value' }) });
const ONLY_ALICE = [passIf({ StringEquals: { 'aws:username': 'alice' } })];
b('circumstance: group member alice', 'Allowed', D.globalKeys, { identityPolicies: ONLY_ALICE, request: groupReq({ 'aws:username': 'alice' }) });
b('circumstance: group member another user (other-value)', 'ImplicitDeny', D.globalKeys, { identityPolicies: ONLY_ALICE, request: groupReq({ 'aws:username': 'other-value' }) });
// the trust question: Glue assuming the role; aws:SourceAccount / aws:SourceArn are circumstances (global keys page)
const GUARDED = doc({ Effect: 'Allow', Principal: { Service: GLUE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCT }, ArnLike: { 'aws:SourceArn': `arn:aws:glue:*:${ACCT}:job/*` } } });
b('trust: guard, SourceAccount and SourceArn (arn:aws:glue::111122223333:job/)', 'Allowed', D.globalKeys, { resourcePolicy: GUARDED, request: trustReq({ 'aws:SourceAccount': ACCT, 'aws:SourceArn': `arn:aws:glue::${ACCT}:job/` }) });
b('trust: guard, SourceAccount and a job ARN', 'Allowed', D.globalKeys, { resourcePolicy: GUARDED, request: trustReq({ 'aws:SourceAccount': ACCT, 'aws:SourceArn': `arn:aws:glue:us-east-1:${ACCT}:job/nightly` }) });
b('trust: guard, SourceAccount only', 'ImplicitDeny', D.operators, { resourcePolicy: GUARDED, request: trustReq({ 'aws:SourceAccount': ACCT }) });
b('trust: guard, another SourceAccount (other-value)', 'ImplicitDeny', D.operators, { resourcePolicy: GUARDED, request: trustReq({ 'aws:SourceAccount': 'other-value', 'aws:SourceArn': `arn:aws:glue::${ACCT}:job/` }) });
b('trust: guard, neither key (not sent by Glue)', 'ImplicitDeny', D.operators, { resourcePolicy: GUARDED, request: trustReq() });
b('trust: no guard, neither key', 'Allowed', D.glueRole, { resourcePolicy: trust({ Service: GLUE }), request: trustReq() });
b('trust: StringEquals aws:PrincipalServiceName glue', 'Allowed', D.globalKeys, { resourcePolicy: doc({ Effect: 'Allow', Principal: { Service: GLUE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalServiceName': GLUE } } }), request: trustReq() });
b('trust: Bool aws:PrincipalIsAWSService true', 'Allowed', D.globalKeys, { resourcePolicy: doc({ Effect: 'Allow', Principal: { Service: GLUE }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } }), request: trustReq() });
b('trust: StringEquals aws:ResourceTag/env prod', 'Allowed', D.globalKeys, { resourcePolicy: doc({ Effect: 'Allow', Principal: { Service: GLUE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }), request: trustReq() });

mkdirSync(join(here, 'cases'), { recursive: true });
const write = (file, list) => writeFileSync(join(here, 'cases', file), JSON.stringify(list, null, 2) + '\n');
const names = new Set();
for (const c of [...glueCases, ...otherCases, ...edgeCases, ...exceptionCases, ...builderCases]) {
  if (names.has(c.name)) throw new Error(`duplicate case name: ${c.name}`);
  names.add(c.name);
}
write('passrole-glue.json', glueCases.map((c) => ({ ...c, name: `glue/${c.name}` })));
write('evaluation-logic.json', otherCases.map((c) => ({ ...c, name: `eval/${c.name}` })));
write('edge-cases.json', edgeCases.map((c) => ({ ...c, name: `edge/${c.name}` })));
write('documented-exceptions.json', exceptionCases.map((c) => ({ ...c, name: `exc/${c.name}` })));
write('request-builder.json', builderCases.map((c) => ({ ...c, name: `req/${c.name}` })));
console.error(`wrote ${glueCases.length} PassRole-to-Glue cases, ${otherCases.length} evaluation-logic cases, ${edgeCases.length} edge cases, ${exceptionCases.length} documented-exception cases, ${builderCases.length} request-builder cases`);
