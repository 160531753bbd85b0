#!/usr/bin/env python3
"""Writes the test snapshots (the field note's account) in the two encodings IAM output comes in.

FieldNote/        what `aws iam get-account-authorization-details` prints (documents decoded), one file
FieldNoteSdk/     the same account as the SDKs return it (documents URL-encoded), split into two pages
Run from this folder: python3 make_snapshots.py
"""
import copy, json, os, pathlib, urllib.parse

ACCT = "111122223333"
here = pathlib.Path(__file__).resolve().parent
force_mfa = json.loads((here / "force-mfa.json").read_text())

def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}

glue_trust = doc({"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"})
sso_trust = doc({"Effect": "Allow", "Principal": {"Federated": f"arn:aws:iam::{ACCT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"},
                 "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"], "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}})

users = [
    {"Path": "/", "UserName": "dana", "UserId": "AIDAEXAMPLEDANA000001", "Arn": f"arn:aws:iam::{ACCT}:user/dana",
     "CreateDate": "2024-03-04T09:12:44+00:00", "UserPolicyList": [], "GroupList": ["GlueAccess", "developers"],
     "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "data"}]},
    {"Path": "/contractors/", "UserName": "erin", "UserId": "AIDAEXAMPLEERIN000001", "Arn": f"arn:aws:iam::{ACCT}:user/contractors/erin",
     "CreateDate": "2025-01-10T08:00:00+00:00",
     "UserPolicyList": [{"PolicyName": "erin-glue-passrole", "PolicyDocument": doc(
         {"Sid": "PassOrdersRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": f"arn:aws:iam::{ACCT}:role/etl-orders-runtime",
          "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}}})}],
     "GroupList": ["ghost-group"],
     # a single member printed as an object, as the AWS CLI documentation example does
     "AttachedManagedPolicies": {"PolicyName": "AWSGlueConsoleFullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"},
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": f"arn:aws:iam::{ACCT}:policy/DeveloperBoundary"},
     "Tags": []},
]
groups = [
    {"Path": "/", "GroupName": "GlueAccess", "GroupId": "AGPAEXAMPLEGLUEACC001", "Arn": f"arn:aws:iam::{ACCT}:group/GlueAccess",
     "CreateDate": "2024-03-04T09:10:02+00:00", "GroupPolicyList": [],
     "AttachedManagedPolicies": [{"PolicyName": "AWSGlueConsoleFullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"}]},
    {"Path": "/", "GroupName": "developers", "GroupId": "AGPAEXAMPLEDEVELOP01", "Arn": f"arn:aws:iam::{ACCT}:group/developers",
     "CreateDate": "2024-03-04T09:11:02+00:00",
     "GroupPolicyList": [{"PolicyName": "developers-read-logs", "PolicyDocument": doc(
         {"Sid": "ReadGlueLogs", "Effect": "Allow", "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"], "Resource": "arn:aws:logs:*:*:/aws-glue/*"})}],
     "AttachedManagedPolicies": [{"PolicyName": "Force_MFA", "PolicyArn": f"arn:aws:iam::{ACCT}:policy/Force_MFA"}]},
]
roles = [
    {"Path": "/", "RoleName": "etl-orders-runtime", "RoleId": "AROAEXAMPLEORDERS0001", "Arn": f"arn:aws:iam::{ACCT}:role/etl-orders-runtime",
     "CreateDate": "2024-03-05T14:00:00+00:00", "AssumeRolePolicyDocument": glue_trust, "InstanceProfileList": [],
     "RolePolicyList": [{"PolicyName": "orders-bucket", "PolicyDocument": doc(
         {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::example-orders/*"})}],
     "AttachedManagedPolicies": [{"PolicyName": "AWSGlueServiceRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"}],
     "Tags": [], "RoleLastUsed": {"LastUsedDate": "2026-06-16T23:10:11+00:00", "Region": "eu-west-1"}},
    {"Path": "/service-role/", "RoleName": "glue-legacy-crawler", "RoleId": "AROAEXAMPLELEGACY0001", "Arn": f"arn:aws:iam::{ACCT}:role/service-role/glue-legacy-crawler",
     "CreateDate": "2023-01-05T14:00:00+00:00", "AssumeRolePolicyDocument": glue_trust, "InstanceProfileList": [],
     "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}},
    {"Path": "/aws-reserved/sso.amazonaws.com/eu-west-1/", "RoleName": "AWSReservedSSO_DataEngineer_0123456789abcdef", "RoleId": "AROAEXAMPLESSOROLE001",
     "Arn": f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataEngineer_0123456789abcdef",
     "CreateDate": "2025-02-01T10:00:00+00:00", "AssumeRolePolicyDocument": sso_trust, "InstanceProfileList": [],
     "RolePolicyList": [{"PolicyName": "AwsSSOInlinePolicy", "PolicyDocument": doc(
         {"Sid": "GlueJobs", "Effect": "Allow", "Action": ["glue:GetJob", "glue:UpdateJob"], "Resource": "*"})}],
     "AttachedManagedPolicies": [{"PolicyName": "AWSGlueConsoleFullAccess", "PolicyArn": "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"}],
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": f"arn:aws:iam::{ACCT}:policy/DeveloperBoundary"},
     "Tags": [], "RoleLastUsed": {}},
]
boundary = doc({"Sid": "CapToGlueAndLogs", "Effect": "Allow", "Action": ["glue:*", "logs:*", "iam:PassRole", "iam:Get*", "iam:List*"], "Resource": "*"})
old_force_mfa = doc({"Sid": "Old", "Effect": "Deny", "Action": "*", "Resource": "*"})
policies = [
    {"PolicyName": "Force_MFA", "PolicyId": "ANPAEXAMPLEFORCEMFA01", "Arn": f"arn:aws:iam::{ACCT}:policy/Force_MFA", "Path": "/",
     "DefaultVersionId": "v2", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
     "CreateDate": "2024-03-04T09:05:00+00:00", "UpdateDate": "2024-05-01T10:00:00+00:00",
     "PolicyVersionList": [
         {"Document": old_force_mfa, "VersionId": "v1", "IsDefaultVersion": False, "CreateDate": "2024-03-04T09:05:00+00:00"},
         {"Document": force_mfa, "VersionId": "v2", "IsDefaultVersion": True, "CreateDate": "2024-05-01T10:00:00+00:00"}]},
    {"PolicyName": "DeveloperBoundary", "PolicyId": "ANPAEXAMPLEBOUNDARY01", "Arn": f"arn:aws:iam::{ACCT}:policy/DeveloperBoundary", "Path": "/",
     "DefaultVersionId": "v1", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 2, "IsAttachable": True,
     "CreateDate": "2025-01-10T08:00:00+00:00", "UpdateDate": "2025-01-10T08:00:00+00:00",
     "PolicyVersionList": [{"Document": boundary, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2025-01-10T08:00:00+00:00"}]},
]

def write(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=4) + "\n")

def encode(value):
    """URL-encode every policy document, as the SDKs return them."""
    value = copy.deepcopy(value)
    def enc(d): return urllib.parse.quote(json.dumps(d, indent=4), safe="")
    for e in value:
        for key in ("UserPolicyList", "GroupPolicyList", "RolePolicyList"):
            for p in e.get(key, []):
                p["PolicyDocument"] = enc(p["PolicyDocument"])
        if "AssumeRolePolicyDocument" in e:
            e["AssumeRolePolicyDocument"] = enc(e["AssumeRolePolicyDocument"])
        for v in e.get("PolicyVersionList", []):
            v["Document"] = enc(v["Document"])
    return value

cli = here / "FieldNote"
write(cli / "get-account-authorization-details.json",
      {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies})
write(cli / "glue-get-job-daily-orders.json", {"Job": {"Name": "daily-orders-etl", "Role": "etl-orders-runtime",
      "CreatedOn": "2024-03-05T14:05:12.345000+00:00", "Command": {"Name": "glueetl", "ScriptLocation": "s3://example-orders/scripts/daily.py"},
      "GlueVersion": "4.0"}})
write(cli / "glue-get-job-legacy.json", {"Job": {"Name": "legacy import", "Role": f"arn:aws:iam::{ACCT}:role/service-role/glue-legacy-crawler",
      "Command": {"Name": "pythonshell"}}})
write(cli / "glue-get-crawler-orders.json", {"Crawler": {"Name": "orders-crawler", "Role": "service-role/glue-legacy-crawler", "State": "READY"}})
write(cli / "sts-get-caller-identity.json", {"UserId": "AIDAEXAMPLEDANA000001", "Account": ACCT, "Arn": f"arn:aws:iam::{ACCT}:user/dana"})
write(cli / "organizations" / "0-r-ab12" / "FullAWSAccess.json", {"Policy": {"PolicySummary": {
      "Id": "p-FullAWSAccess", "Arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", "Name": "FullAWSAccess",
      "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": True},
      "Content": json.dumps(doc({"Effect": "Allow", "Action": "*", "Resource": "*"}))}})
write(cli / "organizations" / "1-ou-ab12-11111111" / "DenyLeaveOrganization.json",
      doc({"Sid": "DenyLeave", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}))
write(cli / "organizations" / "2-111122223333" / "FullAWSAccess.json", doc({"Effect": "Allow", "Action": "*", "Resource": "*"}))

sdk = here / "FieldNoteSdk"
write(sdk / "get-account-authorization-details-1.json",
      {"UserDetailList": encode(users), "GroupDetailList": encode(groups), "RoleDetailList": [], "Policies": [],
       "IsTruncated": True, "Marker": "AAEAAExampleMarker1"})
write(sdk / "get-account-authorization-details-2.json",
      {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": encode(roles), "Policies": encode(policies), "IsTruncated": False})
write(sdk / "glue-get-job-daily-orders.json", {"Job": {"Name": "daily-orders-etl", "Role": f"arn:aws:iam::{ACCT}:role/etl-orders-runtime"}})
