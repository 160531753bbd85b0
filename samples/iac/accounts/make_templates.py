#!/usr/bin/env python3
"""Writes each bundled sample account (samples/accounts/NAME) as the CloudFormation template that would create it.

The tests load both, the snapshot and the template, and check that the investigation reaches the same verdict.
IAM names, paths, documents and attachments are copied from the snapshot; the account ID becomes ${AWS::AccountId}
and the partition ${AWS::Partition}; customer managed policies, groups and roles defined in the template are referred
to with !Ref and !GetAtt, as a template author writes them. Every template is checked with cfn-lint.

Samples that a template cannot express are skipped: scp-deny (SCPs live in AWS Organizations), assumed-role-caller
(IAM Identity Center creates its roles under /aws-reserved/), field-note-sdk-encoded (the same account as field-note).
Run from anywhere: python3 samples/iac/accounts/make_templates.py
"""
import glob, json, pathlib, re, subprocess, sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ACCOUNTS = HERE.parent.parent / "accounts"
SAMPLES = ["field-note", "boundary-no-allow", "role-not-trusting-glue", "service-role-path", "job-uses-other-role"]
ACCOUNT = "123456789012"


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def represent_tagged(dumper, data):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Tagged, represent_tagged)


def logical(kind, name):
    return kind + "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def sub_account(value):
    """Strings holding the account or partition become !Sub; documents keep their shape."""
    if isinstance(value, dict):
        return {k: sub_account(v) for k, v in value.items()}
    if isinstance(value, list):
        return [sub_account(v) for v in value]
    if isinstance(value, str) and (ACCOUNT in value or value.startswith("arn:aws:")):
        text = value.replace("${", "${!").replace(ACCOUNT, "${AWS::AccountId}")
        text = re.sub(r"^arn:aws:", "arn:${AWS::Partition}:", text)
        return Tagged("!Sub", text)
    return value


def convert(name):
    folder = ACCOUNTS / name
    details = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
    for file in sorted(folder.glob("get-account-authorization-details*.json")):
        page = json.loads(file.read_text())
        for key in details:
            details[key] += page.get(key, [])

    policies = {p["Arn"]: p for p in details["Policies"] if ":iam::aws:policy/" not in p["Arn"]}
    groups = {g["GroupName"] for g in details["GroupDetailList"]}
    roles = {r["RoleName"]: r for r in details["RoleDetailList"]}
    resources = {}

    def managed_arns(attached):
        arns = []
        for a in attached:
            arn = a["PolicyArn"]
            arns.append(Tagged("!Ref", logical("Policy", a["PolicyName"])) if arn in policies else sub_account(arn))
        return arns

    def inline(items):
        return [{"PolicyName": p["PolicyName"], "PolicyDocument": sub_account(p["PolicyDocument"])} for p in items]

    def boundary(entity, props):
        arn = (entity.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
        if arn:
            name = arn.rsplit("/", 1)[1]
            props["PermissionsBoundary"] = Tagged("!Ref", logical("Policy", name)) if arn in policies else sub_account(arn)

    for arn, p in policies.items():
        version = next(v for v in p["PolicyVersionList"] if v["IsDefaultVersion"])
        resources[logical("Policy", p["PolicyName"])] = {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
            "ManagedPolicyName": p["PolicyName"], "Path": p["Path"], "PolicyDocument": sub_account(version["Document"])}}

    for g in details["GroupDetailList"]:
        props = {"GroupName": g["GroupName"], "Path": g["Path"]}
        if g["GroupPolicyList"]:
            props["Policies"] = inline(g["GroupPolicyList"])
        if g["AttachedManagedPolicies"]:
            props["ManagedPolicyArns"] = managed_arns(g["AttachedManagedPolicies"])
        resources[logical("Group", g["GroupName"])] = {"Type": "AWS::IAM::Group", "Properties": props}

    for u in details["UserDetailList"]:
        props = {"UserName": u["UserName"], "Path": u["Path"]}
        if u.get("GroupList"):
            props["Groups"] = [Tagged("!Ref", logical("Group", g)) if g in groups else g for g in u["GroupList"]]
        if u.get("UserPolicyList"):
            props["Policies"] = inline(u["UserPolicyList"])
        if u.get("AttachedManagedPolicies"):
            props["ManagedPolicyArns"] = managed_arns(u["AttachedManagedPolicies"])
        boundary(u, props)
        if u.get("Tags"):
            props["Tags"] = u["Tags"]
        resources[logical("User", u["UserName"])] = {"Type": "AWS::IAM::User", "Properties": props}

    for r in details["RoleDetailList"]:
        props = {"RoleName": r["RoleName"], "Path": r["Path"], "AssumeRolePolicyDocument": sub_account(r["AssumeRolePolicyDocument"])}
        if r["RolePolicyList"]:
            props["Policies"] = inline(r["RolePolicyList"])
        if r["AttachedManagedPolicies"]:
            props["ManagedPolicyArns"] = managed_arns(r["AttachedManagedPolicies"])
        boundary(r, props)
        if r.get("Tags"):
            props["Tags"] = r["Tags"]
        resources[logical("Role", r["RoleName"])] = {"Type": "AWS::IAM::Role", "Properties": props}

    for file in sorted(folder.glob("glue-get-job*.json")):
        job = json.loads(file.read_text())["Job"]
        role = job["Role"]
        role_name = role.rsplit("/", 1)[-1]
        if role_name not in roles:
            role_ref = sub_account(role)
        elif role.startswith("arn:"):
            role_ref = Tagged("!GetAtt", f"{logical('Role', role_name)}.Arn")
        else:
            role_ref = Tagged("!Ref", logical("Role", role_name))
        command = {"Name": job["Command"]["Name"], "ScriptLocation": job["Command"]["ScriptLocation"]}
        if "PythonVersion" in job["Command"]:
            command["PythonVersion"] = job["Command"]["PythonVersion"]
        props = {"Name": job["Name"], "Role": role_ref, "Command": command}
        for key in ("GlueVersion", "WorkerType", "NumberOfWorkers"):
            if key in job:
                props[key] = job[key]
        resources[logical("Job", job["Name"])] = {"Type": "AWS::Glue::Job", "Properties": props}

    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"The sample account {name} (samples/accounts/{name}) as a template; written by make_templates.py.",
        "Resources": resources,
    }
    out = HERE / f"{name}.yaml"
    out.write_text(yaml.dump(template, Dumper=Dumper, sort_keys=False, width=120))
    return out


def main():
    written = [convert(name) for name in SAMPLES]
    lint = subprocess.run(["cfn-lint", *map(str, written)], capture_output=True, text=True)
    if lint.returncode != 0:
        print(lint.stdout, lint.stderr)
        sys.exit("cfn-lint failed")
    for out in written:
        print(f"wrote {out.relative_to(HERE.parent.parent.parent)}")


if __name__ == "__main__":
    main()
