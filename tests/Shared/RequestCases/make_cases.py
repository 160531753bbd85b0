#!/usr/bin/env python3
"""Writes the request cases (tests/Shared/RequestCases/<case>/): snapshot/ and template.yaml from one spec per case.

Each case is an account where the answer depends on a key AWS puts in the request context (aws:PrincipalArn,
aws:PrincipalTag, aws:ResourceTag, aws:PrincipalOrgID/OrgPaths, aws:CurrentTime, aws:username, aws:SourceAccount) or
on a circumstance the tool cannot read (aws:SourceIp, aws:MultiFactorAuthPresent/Age), or on a rule of
iam:PassRole itself (no cross-account pass). The snapshot has the shape the AWS CLI prints
(get-account-authorization-details, glue get-job, sts get-caller-identity, organizations describe-policy); the
template is the same account as CloudFormation (names, documents and attachments copied from the snapshot, the
account ID as ${AWS::AccountId}, the partition as ${AWS::Partition}). README.md per case is written by hand.

The unique IDs (AIDA.../AGPA.../AROA.../ANPA...) are derived from the case and the name, so they are stable.
AWS managed policies are copied from samples/accounts/field-note (AWSGlueConsoleFullAccess v14, AWSGlueServiceRole v5).
The Force_MFA document is /work/shared/data/force-mfa_my-sec-creds-self-manage.json = samples/accounts/force-mfa.json.

Run from anywhere: python3 tests/Shared/RequestCases/make_cases.py   (needs PyYAML; runs cfn-lint when installed)
"""
import base64, copy, hashlib, json, pathlib, re, shutil, subprocess, sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
SAMPLES = REPO / "samples" / "accounts"
ACCOUNT = "111122223333"
OTHER_ACCOUNT = "444455556666"
MANAGEMENT_ACCOUNT = "999988887777"
ORG_ID = "o-a1b2c3d4e5"
REGION = "us-east-1"
V = "2012-10-17"
GLUE = "glue.amazonaws.com"

CONSOLE = "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"
SERVICE_ROLE = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"


def unique_id(prefix, seed):
    """An IAM unique ID: 4-letter prefix + 17 characters of [A-Z2-7], 21 in all."""
    digest = base64.b32encode(hashlib.sha256(seed.encode()).digest()).decode()
    return prefix + digest[:17]


def date(n):
    return f"2026-03-{2 + n:02d}T09:{14 + n:02d}:27+00:00"


def aws_managed():
    details = json.loads((SAMPLES / "field-note" / "get-account-authorization-details.json").read_text())
    return {p["Arn"]: p for p in details["Policies"] if ":iam::aws:policy/" in p["Arn"]}


AWS_MANAGED = aws_managed()
FORCE_MFA = json.loads((SAMPLES / "force-mfa.json").read_text())

GLUE_TRUST = {"Version": V, "Statement": [{"Effect": "Allow", "Principal": {"Service": GLUE}, "Action": "sts:AssumeRole"}]}


def doc(*statements):
    return {"Version": V, "Statement": list(statements)}


def pass_role(sid, resource, extra_conditions=None):
    condition = {"StringEquals": {"iam:PassedToService": GLUE}}
    for op, keys in (extra_conditions or {}).items():
        condition.setdefault(op, {}).update(keys)
    return {"Sid": sid, "Effect": "Allow", "Action": "iam:PassRole", "Resource": resource, "Condition": condition}


def role_arn(name, account=ACCOUNT):
    return f"arn:aws:iam::{account}:role/{name}"


WAREHOUSE = {"PolicyName": "warehouse-access", "PolicyDocument": doc({
    "Sid": "ReadWriteWarehouse", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::example-warehouse", "arn:aws:s3:::example-warehouse/*"]})}


class Case:
    def __init__(self, name, caller, error):
        self.name, self.caller, self.error = name, caller, error
        self.users, self.groups, self.roles, self.policies, self.jobs = [], [], [], [], []
        self.organization = None  # None = empty organizations/ (no organization); else list of (target, [scp])
        self.template_note = None
        self.template_job_roles = {}  # job name -> role ARN the template sets instead of the snapshot's

    def user(self, name, groups=(), tags=(), inline=(), managed=()):
        self.users.append({
            "Path": "/", "UserName": name, "UserId": unique_id("AIDA", f"{self.name}/user/{name}"),
            "Arn": f"arn:aws:iam::{ACCOUNT}:user/{name}", "CreateDate": date(len(self.users)),
            "UserPolicyList": list(inline), "GroupList": list(groups),
            "AttachedManagedPolicies": [self.attach(a) for a in managed],
            "Tags": [{"Key": k, "Value": v} for k, v in tags]})

    def group(self, name, inline=(), managed=()):
        self.groups.append({
            "Path": "/", "GroupName": name, "GroupId": unique_id("AGPA", f"{self.name}/group/{name}"),
            "Arn": f"arn:aws:iam::{ACCOUNT}:group/{name}", "CreateDate": date(len(self.groups)),
            "GroupPolicyList": list(inline), "AttachedManagedPolicies": [self.attach(a) for a in managed]})

    def role(self, name, trust=GLUE_TRUST, tags=(), inline=(WAREHOUSE,), managed=(SERVICE_ROLE,)):
        self.roles.append({
            "Path": "/", "RoleName": name, "RoleId": unique_id("AROA", f"{self.name}/role/{name}"),
            "Arn": role_arn(name), "CreateDate": date(len(self.roles)), "AssumeRolePolicyDocument": trust,
            "InstanceProfileList": [], "RolePolicyList": list(inline),
            "AttachedManagedPolicies": [self.attach(a) for a in managed],
            "Tags": [{"Key": k, "Value": v} for k, v in tags], "RoleLastUsed": {}})

    def managed_policy(self, name, document, description=""):
        arn = f"arn:aws:iam::{ACCOUNT}:policy/{name}"
        self.policies.append({
            "PolicyName": name, "PolicyId": unique_id("ANPA", f"{self.name}/policy/{name}"), "Arn": arn, "Path": "/",
            "DefaultVersionId": "v1", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
            "Description": description, "CreateDate": date(0), "UpdateDate": date(0),
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": date(0)}]})
        return arn

    def attach(self, arn):
        return {"PolicyName": arn.rsplit("/", 1)[1], "PolicyArn": arn}

    def job(self, name, role):
        self.jobs.append({
            "Name": name, "Role": role, "CreatedOn": 1772442867.125, "LastModifiedOn": 1772442867.125,
            "ExecutionProperty": {"MaxConcurrentRuns": 1},
            "Command": {"Name": "glueetl", "ScriptLocation": f"s3://example-etl-scripts/{name}.py", "PythonVersion": "3"},
            "DefaultArguments": {"--job-language": "python"}, "MaxRetries": 0, "Timeout": 2880,
            "WorkerType": "G.1X", "NumberOfWorkers": 2, "GlueVersion": "4.0", "ExecutionClass": "STANDARD"})

    # ---- output ----

    def details(self):
        attached = [a["PolicyArn"] for e in self.users + self.groups + self.roles for a in e["AttachedManagedPolicies"]]
        policies = []
        for arn in dict.fromkeys(attached):
            if arn in AWS_MANAGED:
                policies.append(copy.deepcopy(AWS_MANAGED[arn]))
        policies += self.policies
        for p in policies:
            p["AttachmentCount"] = attached.count(p["Arn"])
        return {"UserDetailList": self.users, "GroupDetailList": self.groups, "RoleDetailList": self.roles, "Policies": policies}

    def write(self):
        folder = HERE / self.name
        snapshot = folder / "snapshot"
        if snapshot.exists():
            shutil.rmtree(snapshot)
        snapshot.mkdir(parents=True)
        dump(snapshot / "get-account-authorization-details.json", self.details())
        caller = next(u for u in self.users if u["UserName"] == self.caller)
        dump(snapshot / "sts-get-caller-identity.json", {"UserId": caller["UserId"], "Account": ACCOUNT, "Arn": caller["Arn"]})
        for job in self.jobs:
            dump(snapshot / f"glue-get-job-{job['Name']}.json", {"Job": job})
        (snapshot / "error.txt").write_text(self.error.strip("\n") + "\n")
        organizations = snapshot / "organizations"
        organizations.mkdir()
        if self.organization is None:
            (organizations / "README.md").write_text(
                "# organizations/\n\nThe account is in no AWS Organizations organization: no service control policies apply. "
                "An empty\n`organizations/` folder says so (this README is here only because git keeps no empty folders).\n")
        else:
            for order, (target, scps) in enumerate(self.organization):
                level = organizations / f"{order}-{target}"
                level.mkdir()
                for scp in scps:
                    dump(level / f"{scp['Policy']['PolicySummary']['Id']}.json", scp)
        (folder / "template.yaml").write_text(self.template())
        return folder

    def template(self):
        customer = {p["Arn"]: p for p in self.policies}
        groups = {g["GroupName"] for g in self.groups}
        roles = {r["RoleName"] for r in self.roles}
        resources = {}

        def managed_arns(attached):
            return [Tagged("!Ref", logical("Policy", a["PolicyName"])) if a["PolicyArn"] in customer else sub_account(a["PolicyArn"])
                    for a in attached]

        def inline(items):
            return [{"PolicyName": p["PolicyName"], "PolicyDocument": sub_account(p["PolicyDocument"])} for p in items]

        for p in self.policies:
            version = next(v for v in p["PolicyVersionList"] if v["IsDefaultVersion"])
            props = {"ManagedPolicyName": p["PolicyName"], "Path": p["Path"]}
            if p["Description"]:
                props["Description"] = p["Description"]
            props["PolicyDocument"] = sub_account(version["Document"])
            resources[logical("Policy", p["PolicyName"])] = {"Type": "AWS::IAM::ManagedPolicy", "Properties": props}
        for g in self.groups:
            props = {"GroupName": g["GroupName"], "Path": g["Path"]}
            if g["GroupPolicyList"]:
                props["Policies"] = inline(g["GroupPolicyList"])
            if g["AttachedManagedPolicies"]:
                props["ManagedPolicyArns"] = managed_arns(g["AttachedManagedPolicies"])
            resources[logical("Group", g["GroupName"])] = {"Type": "AWS::IAM::Group", "Properties": props}
        for u in self.users:
            props = {"UserName": u["UserName"], "Path": u["Path"]}
            if u["GroupList"]:
                props["Groups"] = [Tagged("!Ref", logical("Group", g)) if g in groups else g for g in u["GroupList"]]
            if u["UserPolicyList"]:
                props["Policies"] = inline(u["UserPolicyList"])
            if u["AttachedManagedPolicies"]:
                props["ManagedPolicyArns"] = managed_arns(u["AttachedManagedPolicies"])
            if u["Tags"]:
                props["Tags"] = u["Tags"]
            resources[logical("User", u["UserName"])] = {"Type": "AWS::IAM::User", "Properties": props}
        for r in self.roles:
            props = {"RoleName": r["RoleName"], "Path": r["Path"], "AssumeRolePolicyDocument": sub_account(r["AssumeRolePolicyDocument"])}
            if r["RolePolicyList"]:
                props["Policies"] = inline(r["RolePolicyList"])
            if r["AttachedManagedPolicies"]:
                props["ManagedPolicyArns"] = managed_arns(r["AttachedManagedPolicies"])
            if r["Tags"]:
                props["Tags"] = r["Tags"]
            resources[logical("Role", r["RoleName"])] = {"Type": "AWS::IAM::Role", "Properties": props}
        for job in self.jobs:
            role = self.template_job_roles.get(job["Name"], job["Role"])
            name = role.rsplit("/", 1)[-1]
            role_ref = Tagged("!GetAtt", f"{logical('Role', name)}.Arn") if role == role_arn(name) and name in roles else sub_account(role)
            props = {"Name": job["Name"], "Role": role_ref, "Command": dict(job["Command"])}
            for key in ("GlueVersion", "WorkerType", "NumberOfWorkers"):
                props[key] = job[key]
            resources[logical("Job", job["Name"])] = {"Type": "AWS::Glue::Job", "Properties": props}

        description = f"Request case {self.name} (tests/Shared/RequestCases/{self.name}) as a template; written by make_cases.py."
        if self.template_note:
            description += " " + self.template_note
        template = {"AWSTemplateFormatVersion": "2010-09-09", "Description": description, "Resources": resources}
        return yaml.dump(template, Dumper=Dumper, sort_keys=False, width=120)


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Tagged, lambda d, t: d.represent_scalar(t.tag, t.value))


def logical(kind, name):
    return kind + "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def sub_account(value):
    """Strings holding this account or an ARN become !Sub (policy variables escaped as ${!...}); documents keep their shape."""
    if isinstance(value, dict):
        return {k: sub_account(v) for k, v in value.items()}
    if isinstance(value, list):
        return [sub_account(v) for v in value]
    if isinstance(value, str) and (ACCOUNT in value or value.startswith("arn:aws:")):
        text = value.replace("${", "${!").replace(ACCOUNT, "${AWS::AccountId}")
        text = re.sub(r"^arn:aws:", "arn:${AWS::Partition}:", text)
        return Tagged("!Sub", text)
    return value


def dump(path, data):
    path.write_text(json.dumps(data, indent=4) + "\n")


def scp(policy_id, name, description, document, aws_managed=False):
    return {"Policy": {
        "PolicySummary": {
            "Id": policy_id,
            "Arn": f"arn:aws:organizations::{MANAGEMENT_ACCOUNT}:policy/{ORG_ID}/service_control_policy/{policy_id}",
            "Name": name, "Description": description, "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": aws_managed},
        "Content": json.dumps(document)}}


FULL_AWS_ACCESS = scp("p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation",
                      {"Version": V, "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, aws_managed=True)


def console_error(user, role, reason):
    return (f"Failed to update job\nupdateJob: AccessDeniedException:\nUser: arn:aws:iam::{ACCOUNT}:user/{user}\n"
            f"is not authorized to perform: iam:PassRole\non resource: {role}\n{reason}")


def cli_error(user, role, reason, operation="UpdateJob"):
    return (f"An error occurred (AccessDeniedException) when calling the {operation} operation: User: "
            f"arn:aws:iam::{ACCOUNT}:user/{user} is not authorized to perform: iam:PassRole on resource: {role} {reason}")


IMPLICIT = "because no identity-based policy allows the iam:PassRole action"
EXPLICIT = "with an explicit deny in an identity-based policy"


def glue_access_with(case, statement, policy_name="pass-etl-runtime"):
    case.group("GlueAccess", inline=[{"PolicyName": policy_name, "PolicyDocument": doc(statement)}], managed=[CONSOLE])


def cases():
    etl = role_arn("etl-runtime")
    all_cases = []

    # 1. aws:PrincipalArn in a guardrail deny.
    c = Case("admin-guardrail", "carol", cli_error("carol", etl, f"{EXPLICIT}: arn:aws:iam::{ACCOUNT}:policy/DenyPassRoleExceptAdmins"))
    deny = c.managed_policy("DenyPassRoleExceptAdmins", doc({
        "Sid": "DenyPassRoleUnlessAdminUser", "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*",
        "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/admin-*"}}}),
        "Only IAM users named admin-* may pass roles")
    c.group("etl-admins", inline=[{"PolicyName": "pass-etl-runtime", "PolicyDocument": doc(pass_role("AllowPassEtlRuntimeToGlue", etl))}],
            managed=[CONSOLE, deny])
    c.user("admin-bob", groups=["etl-admins"])
    c.user("carol", groups=["etl-admins"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 2. ABAC: aws:ResourceTag / iam:ResourceTag of the passed role against aws:PrincipalTag.
    finance = role_arn("finance-runtime")
    c = Case("abac-tags", "dana", console_error("dana", finance, IMPLICIT))
    c.group("data-engineers", managed=[CONSOLE], inline=[{"PolicyName": "pass-team-roles", "PolicyDocument": doc(pass_role(
        "AllowPassTeamRolesToGlue", f"arn:aws:iam::{ACCOUNT}:role/*",
        {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))}])
    c.group("data-engineers-legacy", managed=[CONSOLE], inline=[{"PolicyName": "pass-team-roles-iam-key", "PolicyDocument": doc(pass_role(
        "AllowPassTeamRolesToGlueIamKey", f"arn:aws:iam::{ACCOUNT}:role/*",
        {"StringEquals": {"iam:ResourceTag/team": "${aws:PrincipalTag/team}"}}))}])
    c.group("data-team", managed=[CONSOLE], inline=[{"PolicyName": "pass-etl-runtime-to-data-team", "PolicyDocument": doc(pass_role(
        "AllowPassEtlRuntimeToDataTeam", etl, {"StringEquals": {"aws:PrincipalTag/team": "data"}}))}])
    c.user("dana", groups=["data-engineers"], tags=[("team", "data")])
    c.user("erin", groups=["data-engineers-legacy"], tags=[("team", "data")])
    c.user("frank", groups=["data-team"], tags=[("team", "data")])
    c.role("etl-runtime", tags=[("team", "data")])
    c.role("finance-runtime", tags=[("team", "finance")])
    c.job("nightly-etl", etl)
    c.job("finance-close", finance)
    all_cases.append(c)

    # 3. Trust with the confused-deputy guard aws:SourceAccount.
    c = Case("trust-source-account", "dana", console_error("dana", etl, IMPLICIT))
    glue_access_with(c, pass_role("AllowPassGlueRuntimeRoleToGlue", etl), "AllowPassGlueRuntimeRoleToGlue")
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime", trust={"Version": V, "Statement": [{
        "Effect": "Allow", "Principal": {"Service": GLUE}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}]})
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 4. aws:PrincipalOrgID in the identity policy, aws:PrincipalOrgPaths in an SCP.
    c = Case("org-keys", "dana", console_error("dana", etl, IMPLICIT))
    glue_access_with(c, pass_role("AllowPassGlueRuntimeRoleInOrg", etl, {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}))
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    ou_deny = scp("p-7h2k9m4q", "DenyPassRoleOutsideWorkloadsOu", "Only principals of accounts under the Workloads OU may pass roles", {
        "Version": V, "Statement": [{
            "Sid": "DenyPassRoleOutsideWorkloadsOu", "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*",
            "Condition": {"ForAllValues:StringNotLike": {"aws:PrincipalOrgPaths": [f"{ORG_ID}/r-ab12/ou-ab12-11111111/*"]}}}]})
    c.organization = [("r-ab12", [FULL_AWS_ACCESS, ou_deny]), ("ou-ab12-11111111", [FULL_AWS_ACCESS]), (ACCOUNT, [FULL_AWS_ACCESS])]
    c.template_note = ("The SCPs of organizations/ cannot be in a template: only the identity part is here; "
                       "layer the snapshot (--snapshot) to count them.")
    all_cases.append(c)

    # 5. aws:CurrentTime.
    c = Case("time-window", "dana", console_error("dana", etl, IMPLICIT))
    glue_access_with(c, pass_role("AllowPassGlueRuntimeRoleUntil2099", etl, {"DateLessThan": {"aws:CurrentTime": "2099-01-01T00:00:00Z"}}))
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 6. ${aws:username} in Resource.
    c = Case("username-resource", "dana", console_error("dana", role_arn("dana-glue"), IMPLICIT))
    glue_access_with(c, pass_role("AllowPassOwnGlueRole", f"arn:aws:iam::{ACCOUNT}:role/${{aws:username}}-glue"), "pass-own-glue-role")
    c.user("dana", groups=["GlueAccess"])
    c.user("erin", groups=["GlueAccess"])
    c.role("dana-glue")
    c.role("erin-glue")
    c.job("dana-sandbox", role_arn("dana-glue"))
    all_cases.append(c)

    # 7a. aws:SourceIp in the allow.
    c = Case("source-ip", "dana", cli_error("dana", etl, IMPLICIT))
    glue_access_with(c, pass_role("AllowPassGlueRuntimeRoleFromCorpNetwork", etl, {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 7b. aws:SourceIp + aws:ViaAWSService in a guardrail deny.
    c = Case("source-ip-guardrail", "dana", cli_error("dana", etl, EXPLICIT))
    guard = c.managed_policy("DenyOutsideCorporateNetwork", doc({
        "Sid": "DenyAllOutsideCorporateNetwork", "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}}),
        "Denies every request made directly from outside 192.0.2.0/24")
    c.group("GlueAccess", inline=[{"PolicyName": "pass-etl-runtime", "PolicyDocument": doc(pass_role("AllowPassGlueRuntimeRoleToGlue", etl))}],
            managed=[CONSOLE, guard])
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 7c. aws:MultiFactorAuthAge in a guardrail deny.
    c = Case("mfa-age", "dana", cli_error("dana", etl, f"{EXPLICIT}: arn:aws:iam::{ACCOUNT}:policy/DenyStaleMfaSessions"))
    guard = c.managed_policy("DenyStaleMfaSessions", doc({
        "Sid": "DenyWhenMfaOlderThanOneHour", "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}}),
        "Denies every request of a session whose MFA sign-in is more than an hour old")
    c.group("GlueAccess", inline=[{"PolicyName": "pass-etl-runtime", "PolicyDocument": doc(pass_role("AllowPassGlueRuntimeRoleToGlue", etl))}],
            managed=[CONSOLE, guard])
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    # 8. A role of another account.
    foreign = role_arn("etl-runtime", OTHER_ACCOUNT)
    c = Case("cross-account-role", "dana", cli_error("dana", foreign, IMPLICIT))
    glue_access_with(c, pass_role("AllowPassGlueRuntimeRoleToGlue", etl), "AllowPassGlueRuntimeRoleToGlue")
    c.user("dana", groups=["GlueAccess"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    c.template_job_roles["nightly-etl"] = foreign
    c.template_note = (f"The job is pointed at {foreign}, the change the error of snapshot/error.txt comes from "
                       "(in the snapshot the save failed, so the job still runs with this account's etl-runtime).")
    all_cases.append(c)

    # 9. The field note's account, run with --mfa false against an implicit-deny error.
    c = Case("mfa-mismatch", "dana", console_error("dana", etl, IMPLICIT))
    force = c.managed_policy("Force_MFA", FORCE_MFA, "Denies everything but managing your own MFA device until you sign in with MFA")
    c.group("GlueAccess", managed=[CONSOLE])
    c.group("developers", managed=[force])
    c.user("dana", groups=["GlueAccess", "developers"])
    c.role("etl-runtime")
    c.job("nightly-etl", etl)
    all_cases.append(c)

    return all_cases


def main():
    written = [c.write() for c in cases()]
    templates = [str(f / "template.yaml") for f in written]
    if shutil.which("cfn-lint"):
        lint = subprocess.run(["cfn-lint", *templates], capture_output=True, text=True)
        if lint.returncode != 0:
            print(lint.stdout, lint.stderr)
            sys.exit("cfn-lint failed")
    for folder in written:
        print(f"wrote {folder.relative_to(REPO)}")


if __name__ == "__main__":
    main()
