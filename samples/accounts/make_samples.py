#!/usr/bin/env python3
"""Writes the sample account snapshots with the real AWS CLI against moto_server on 127.0.0.1.

Each sample is built with ordinary `aws iam|glue|sts|organizations` commands, then captured the way a person
captures a real account (see src/GluePassRole.Diagnostics/Sources/Snapshot/README.md):

    aws iam get-account-authorization-details > get-account-authorization-details.json
    aws glue get-job --job-name nightly-etl    > glue-get-job-nightly-etl.json
    aws sts get-caller-identity                > sts-get-caller-identity.json   (with the caller's own credentials)
    aws organizations describe-policy ...      > organizations/<order>-<target id>/<policy id>.json
    aws sso-admin list-instances               > sso-admin-list-instances.json          (management account, Identity Center Region)
    aws sso-admin list-permission-sets ...     > sso-admin-list-permission-sets.json
    aws sso-admin describe-permission-set ...  > sso-admin-describe-permission-set-<name>.json

Where moto differs from AWS, the output is corrected and the correction is named here:
  * moto lists every AWS managed policy it knows (about 1,500); AWS lists only those attached to something.
    Unattached AWS managed policies are dropped.
  * moto omits `PolicyName` (and `PolicyId`) from `Policies`; `PolicyName` is put back (the last part of the ARN).
  * moto has no user permissions boundaries (CreateUser ignores --permissions-boundary, PutUserPermissionsBoundary
    does not exist), so boundary-no-allow's user gets the `PermissionsBoundary` member AWS prints, and its policy
    the matching `PermissionsBoundaryUsageCount`.
  * moto cannot invite an existing account into an organization, so the organization is created from a
    management account (999988887777) and the member level is named for 123456789012.
  * moto writes a permission set ARN as <instance ARN>/ps-<id>; AWS writes arn:aws:sso:::permissionSet/ssoins-<id>/ps-<id>
    (IAM Identity Center API Reference, PermissionSet). The ARNs are rewritten to AWS's form, and moto's null instance
    Name is dropped (AWS leaves an unnamed instance's Name out).
  * moto does not enforce IAM, so no AccessDenied is captured: error.txt is written by hand (scp-deny's here, as it names
    the SCP's generated ARN), in the forms of shared error-message examples.

Needs: aws (CLI), moto_server (pip install 'moto[server]'). Run from anywhere: python3 make_samples.py
The files are checked in; run it again only to change a sample. error.txt and README.md are written by hand.
"""
import contextlib, copy, json, os, pathlib, shutil, socket, subprocess, sys, time, urllib.parse, urllib.request

HERE = pathlib.Path(__file__).resolve().parent
ACCT = "123456789012"
MGMT = "999988887777"
REGION = "ap-northeast-1"
FORCE_MFA = HERE / "force-mfa.json"

def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}

def trust(service):
    return doc({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})

def pass_role_fix(role_arn):
    """The field note's narrow fix: pass one role, only to Glue."""
    return doc({"Sid": "AllowPassGlueRuntimeRoleToGlue", "Effect": "Allow", "Action": "iam:PassRole", "Resource": role_arn,
                "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}}})

DEVELOPER_POLICY = doc(
    {"Sid": "ReadGlueLogs", "Effect": "Allow", "Action": ["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents"],
     "Resource": f"arn:aws:logs:{REGION}:{ACCT}:log-group:/aws-glue/*"},
    {"Sid": "ReadScripts", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::example-etl-scripts", "arn:aws:s3:::example-etl-scripts/*"]})

RUNTIME_POLICY = doc(
    {"Sid": "ReadWriteWarehouse", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::example-warehouse", "arn:aws:s3:::example-warehouse/*"]})


class Moto:
    """moto_server on a free loopback port, driven through the real AWS CLI."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true")
        self.proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                break
            time.sleep(0.2)
        self.creds = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=10)

    def aws(self, *args, creds=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(creds or self.creds, AWS_DEFAULT_REGION=REGION, AWS_PAGER="")
        out = subprocess.run(["aws", "--endpoint-url", self.url, "--output", "json", *args], env=env,
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out) if out.strip() else None

    def session(self, role_arn, name, creds=None):
        c = self.aws("sts", "assume-role", "--role-arn", role_arn, "--role-session-name", name, creds=creds)["Credentials"]
        return {"AWS_ACCESS_KEY_ID": c["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": c["SecretAccessKey"], "AWS_SESSION_TOKEN": c["SessionToken"]}

    # --- IAM helpers -------------------------------------------------------------------------------------------
    def policy(self, name, document, description=None):
        args = ["iam", "create-policy", "--policy-name", name, "--policy-document", json.dumps(document)]
        if description:
            args += ["--description", description]
        return self.aws(*args)["Policy"]["Arn"]

    def role(self, name, trust_policy, path="/", description=None):
        args = ["iam", "create-role", "--role-name", name, "--path", path, "--assume-role-policy-document", json.dumps(trust_policy)]
        if description:
            args += ["--description", description]
        return self.aws(*args)["Role"]["Arn"]

    def glue_job(self, name, role):
        self.aws("glue", "create-job", "--name", name, "--role", role, "--glue-version", "4.0",
                 "--command", f"Name=glueetl,ScriptLocation=s3://example-etl-scripts/{name}.py,PythonVersion=3",
                 "--worker-type", "G.1X", "--number-of-workers", "2")

    def runtime_role(self, name, path="/", service="glue.amazonaws.com"):
        arn = self.role(name, trust(service), path, "Runtime role of the nightly ETL job")
        self.aws("iam", "attach-role-policy", "--role-name", name, "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole")
        self.aws("iam", "put-role-policy", "--role-name", name, "--policy-name", "warehouse-access", "--policy-document", json.dumps(RUNTIME_POLICY))
        return arn

    def field_note_user(self, boundary_arn=None):
        """dana in GlueAccess (AWSGlueConsoleFullAccess) and developers (Force_MFA + an inline policy); returns her credentials."""
        args = ["iam", "create-user", "--user-name", "dana", "--tags", "Key=team,Value=data"]
        if boundary_arn:
            args += ["--permissions-boundary", boundary_arn]
        self.aws(*args)
        force_mfa = self.policy("Force_MFA", json.loads(FORCE_MFA.read_text()),
                                "Denies everything but managing your own MFA device until you sign in with MFA")
        self.aws("iam", "create-group", "--group-name", "GlueAccess")
        self.aws("iam", "attach-group-policy", "--group-name", "GlueAccess", "--policy-arn", "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess")
        self.aws("iam", "create-group", "--group-name", "developers")
        self.aws("iam", "attach-group-policy", "--group-name", "developers", "--policy-arn", force_mfa)
        self.aws("iam", "put-group-policy", "--group-name", "developers", "--policy-name", "developers-read-glue-logs",
                 "--policy-document", json.dumps(DEVELOPER_POLICY))
        for group in ("GlueAccess", "developers"):
            self.aws("iam", "add-user-to-group", "--user-name", "dana", "--group-name", group)
        key = self.aws("iam", "create-access-key", "--user-name", "dana")["AccessKey"]
        return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}

    # --- capture -----------------------------------------------------------------------------------------------
    def capture(self, folder, jobs, caller):
        clear(folder)
        details = self.aws("iam", "get-account-authorization-details")
        details["Policies"] = [fix_policy(p) for p in details["Policies"]
                               if not (p["Arn"].startswith("arn:aws:iam::aws:policy/") and p.get("AttachmentCount", 0) == 0)]
        write(folder / "get-account-authorization-details.json", details)
        for job in jobs:
            write(folder / f"glue-get-job-{job}.json", self.aws("glue", "get-job", "--job-name", job))
        write(folder / "sts-get-caller-identity.json", self.aws("sts", "get-caller-identity", creds=caller))
        return details


def clear(folder):
    """Removes what a capture writes; keeps the hand-written README.md and error.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / "organizations", ignore_errors=True)
    for old in folder.glob("*.json"):
        old.unlink()


def fix_policy(policy):
    """Puts back PolicyName, which AWS prints first and moto leaves out."""
    return {"PolicyName": policy.get("PolicyName") or policy["Arn"].rsplit("/", 1)[1], **policy}


def write(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=4) + "\n")


def encode(details):
    """The same account as the .NET/Java/Go/JS SDKs return it: every policy document URL-encoded (RFC 3986)."""
    details = copy.deepcopy(details)
    enc = lambda d: urllib.parse.quote(json.dumps(d, separators=(",", ":")), safe="")
    for key in ("UserDetailList", "GroupDetailList", "RoleDetailList"):
        for entry in details.get(key, []):
            for plist in ("UserPolicyList", "GroupPolicyList", "RolePolicyList"):
                for p in entry.get(plist, []):
                    p["PolicyDocument"] = enc(p["PolicyDocument"])
            if "AssumeRolePolicyDocument" in entry:
                entry["AssumeRolePolicyDocument"] = enc(entry["AssumeRolePolicyDocument"])
    for p in details.get("Policies", []):
        for v in p.get("PolicyVersionList", []):
            v["Document"] = enc(v["Document"])
    return details


# --- the samples -------------------------------------------------------------------------------------------------

def field_note(m, out):
    dana = m.field_note_user()
    m.glue_job("nightly-etl", m.runtime_role("etl-runtime"))
    details = m.capture(out / "field-note", ["nightly-etl"], dana)

    # The SDK form of the same capture, split into two pages as a hand-paged SDK run would save it.
    sdk = out / "field-note-sdk-encoded"
    clear(sdk)
    enc = encode(details)
    write(sdk / "get-account-authorization-details-1.json",
          {"UserDetailList": enc["UserDetailList"], "GroupDetailList": enc["GroupDetailList"], "RoleDetailList": [], "Policies": [],
           "IsTruncated": True, "Marker": "AAEAAExampleMarkerPage1"})
    write(sdk / "get-account-authorization-details-2.json",
          {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": enc["RoleDetailList"], "Policies": enc["Policies"], "IsTruncated": False})
    for name in ("glue-get-job-nightly-etl.json", "sts-get-caller-identity.json"):
        shutil.copy(out / "field-note" / name, sdk / name)


def scp_deny(m, out):
    dana = m.field_note_user()
    role = m.runtime_role("etl-runtime")
    m.aws("iam", "put-group-policy", "--group-name", "GlueAccess", "--policy-name", "AllowPassGlueRuntimeRoleToGlue",
          "--policy-document", json.dumps(pass_role_fix(role)))
    m.glue_job("nightly-etl", role)
    m.capture(out / "scp-deny", ["nightly-etl"], dana)

    # The organization, as its management account sees it.
    admin = m.session(f"arn:aws:iam::{MGMT}:role/OrganizationAccountAccessRole", "org-admin")
    m.aws("organizations", "create-organization", "--feature-set", "ALL", creds=admin)
    root = m.aws("organizations", "list-roots", creds=admin)["Roots"][0]["Id"]
    m.aws("organizations", "enable-policy-type", "--root-id", root, "--policy-type", "SERVICE_CONTROL_POLICY", creds=admin)
    ou = m.aws("organizations", "create-organizational-unit", "--parent-id", root, "--name", "Workloads", creds=admin)["OrganizationalUnit"]["Id"]
    scp = doc({"Sid": "DenyPassRoleOutsidePlatformPath", "Effect": "Deny", "Action": "iam:PassRole",
               "NotResource": "arn:aws:iam::*:role/platform/*",
               "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/platform-admin"}}})
    scp_id = m.aws("organizations", "create-policy", "--name", "DenyPassRoleOutsidePlatformPath", "--type", "SERVICE_CONTROL_POLICY",
                   "--description", "Only roles under /platform/ may be passed to services", "--content", json.dumps(scp),
                   creds=admin)["Policy"]["PolicySummary"]["Id"]
    m.aws("organizations", "attach-policy", "--policy-id", scp_id, "--target-id", ou, creds=admin)
    full = m.aws("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY", creds=admin)["Policies"]
    full_id = next(p["Id"] for p in full if p["Name"] == "FullAWSAccess")
    orgs = out / "scp-deny" / "organizations"
    for level, target, ids in ((0, root, [full_id]), (1, ou, [full_id, scp_id]), (2, ACCT, [full_id])):
        for pid in ids:
            write(orgs / f"{level}-{target}" / f"{pid}.json", m.aws("organizations", "describe-policy", "--policy-id", pid, creds=admin))
    # The message names the denying SCP by ARN (AWS adds it for same-organization requests), so it is written with the IDs moto made.
    scp_arn = m.aws("organizations", "describe-policy", "--policy-id", scp_id, creds=admin)["Policy"]["PolicySummary"]["Arn"]
    (out / "scp-deny" / "error.txt").write_text(
        "An error occurred (AccessDeniedException) when calling the UpdateJob operation: User: arn:aws:iam::123456789012:user/dana "
        "is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/etl-runtime "
        f"with an explicit deny in a service control policy: {scp_arn}\n")


def boundary_no_allow(m, out):
    boundary = m.policy("DataEngineerBoundary", doc(
        {"Sid": "CapDataEngineers", "Effect": "Allow",
         "Action": ["glue:*", "s3:*", "logs:*", "cloudwatch:*", "iam:Get*", "iam:List*", "iam:ChangePassword",
                    "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:DeleteVirtualMFADevice",
                    "iam:DeactivateMFADevice", "iam:*AccessKey*", "iam:*SigningCertificate*", "iam:*SSHPublicKey*",
                    "iam:*ServiceSpecificCredential*", "sts:GetSessionToken"],
         "Resource": "*"}), "Permissions boundary for data engineers")
    dana = m.field_note_user(boundary_arn=boundary)
    role = m.runtime_role("etl-runtime")
    m.aws("iam", "put-group-policy", "--group-name", "GlueAccess", "--policy-name", "AllowPassGlueRuntimeRoleToGlue",
          "--policy-document", json.dumps(pass_role_fix(role)))
    m.glue_job("nightly-etl", role)
    details = m.capture(out / "boundary-no-allow", ["nightly-etl"], dana)
    # What AWS prints for a user with a boundary (moto does not model user boundaries; see the top of this file).
    details["UserDetailList"] = [{**u, "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                                                 "PermissionsBoundaryArn": boundary}} for u in details["UserDetailList"]]
    for p in details["Policies"]:
        if p["Arn"] == boundary:
            p["PermissionsBoundaryUsageCount"] = 1
    write(out / "boundary-no-allow" / "get-account-authorization-details.json", details)


def role_not_trusting_glue(m, out):
    dana = m.field_note_user()
    m.glue_job("nightly-etl", m.runtime_role("etl-runtime", service="ec2.amazonaws.com"))
    m.capture(out / "role-not-trusting-glue", ["nightly-etl"], dana)


# IAM wants at least 1,000 characters of SAML metadata; the certificate is filler, not a key.
SSO_METADATA = (
    '<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    f'entityID="https://portal.sso.{REGION}.amazonaws.com/saml/assertion/EXAMPLE0123456789"><md:IDPSSODescriptor '
    'WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing">'
    '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>' + "EXAMPLE" * 150 +
    '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'
    f'</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://portal.sso.{REGION}'
    '.amazonaws.com/saml/assertion/EXAMPLE0123456789"/></md:IDPSSODescriptor></md:EntityDescriptor>')


def assumed_role_caller(m, out):
    provider = m.aws("iam", "create-saml-provider", "--name", "AWSSSO_0123456789abcdef_DO_NOT_DELETE",
                     "--saml-metadata-document", SSO_METADATA)["SAMLProviderArn"]
    sso_trust = doc({"Effect": "Allow", "Principal": {"Federated": provider}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                     "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}})
    name = "AWSReservedSSO_DataEngineer_0123456789abcdef"
    sso = m.role(name, sso_trust, f"/aws-reserved/sso.amazonaws.com/{REGION}/", "Created by IAM Identity Center for permission set DataEngineer")
    m.aws("iam", "attach-role-policy", "--role-name", name, "--policy-arn", "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess")
    m.aws("iam", "put-role-policy", "--role-name", name, "--policy-name", "AwsSSOInlinePolicy", "--policy-document", json.dumps(doc(
        {"Sid": "ReadGlueLogs", "Effect": "Allow", "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"],
         "Resource": f"arn:aws:logs:{REGION}:{ACCT}:log-group:/aws-glue/*"})))
    m.glue_job("nightly-etl", m.runtime_role("etl-runtime"))
    m.capture(out / "assumed-role-caller", ["nightly-etl"], m.session(sso, "dana"))
    identity_center(m, out / "assumed-role-caller", "DataEngineer", "Glue job development")


def identity_center(m, folder, permission_set, description):
    """The Identity Center instance and its permission sets, read in the management account (Region REGION)."""
    admin = m.session(f"arn:aws:iam::{MGMT}:role/OrganizationAccountAccessRole", "sso-admin")
    instances = m.aws("sso-admin", "list-instances", creds=admin)
    instance = instances["Instances"][0]["InstanceArn"]
    m.aws("sso-admin", "create-permission-set", "--instance-arn", instance, "--name", permission_set,
          "--description", description, "--session-duration", "PT8H", creds=admin)
    aws_arn = lambda arn: arn.replace(f"{instance}/", f"arn:aws:sso:::permissionSet/{instance.rsplit('/', 1)[1]}/")
    for entry in instances["Instances"]:
        if entry.get("Name") is None:
            entry.pop("Name", None)
    write(folder / "sso-admin-list-instances.json", instances)
    listed = m.aws("sso-admin", "list-permission-sets", "--instance-arn", instance, creds=admin)
    write(folder / "sso-admin-list-permission-sets.json", {"PermissionSets": [aws_arn(a) for a in listed["PermissionSets"]]})
    for arn in listed["PermissionSets"]:
        described = m.aws("sso-admin", "describe-permission-set", "--instance-arn", instance, "--permission-set-arn", arn, creds=admin)
        described["PermissionSet"]["PermissionSetArn"] = aws_arn(arn)
        write(folder / f"sso-admin-describe-permission-set-{described['PermissionSet']['Name']}.json", described)


def service_role_path(m, out):
    dana = m.field_note_user()
    m.glue_job("nightly-etl", m.runtime_role("AWSGlueServiceRole-etl", path="/service-role/"))
    m.capture(out / "service-role-path", ["nightly-etl"], dana)


def job_uses_other_role(m, out):
    dana = m.field_note_user()
    m.runtime_role("etl-runtime")
    m.runtime_role("AWSGlueServiceRole-nightly")
    m.glue_job("nightly-etl", "AWSGlueServiceRole-nightly")  # a bare name, as the console and many scripts store it
    m.capture(out / "job-uses-other-role", ["nightly-etl"], dana)


def audit_escalation(m, out):
    """The audit's sample (glue-passrole audit): a few ways to pass a role to Glue, two of them privilege escalations."""
    dana = m.field_note_user()
    runtime = m.runtime_role("etl-runtime")
    m.aws("iam", "put-group-policy", "--group-name", "GlueAccess", "--policy-name", "AllowPassGlueRuntimeRoleToGlue",
          "--policy-document", json.dumps(pass_role_fix(runtime)))
    m.glue_job("nightly-etl", runtime)

    # data-platform passes every glue-* role (to any service) and manages jobs: glue-etl-admin holds AdministratorAccess.
    m.aws("iam", "create-group", "--group-name", "data-platform")
    m.aws("iam", "put-group-policy", "--group-name", "data-platform", "--policy-name", "DataPlatformGlue", "--policy-document", json.dumps(doc(
        {"Sid": "PassGlueRoles", "Effect": "Allow", "Action": "iam:PassRole", "Resource": f"arn:aws:iam::{ACCT}:role/glue-*"},
        {"Sid": "ManageJobs", "Effect": "Allow", "Action": ["glue:CreateJob", "glue:UpdateJob", "glue:StartJobRun", "glue:GetJob*"],
         "Resource": f"arn:aws:glue:{REGION}:{ACCT}:job/*"})))
    for user in ("erin", "frank"):
        m.aws("iam", "create-user", "--user-name", user)
        m.aws("iam", "add-user-to-group", "--user-name", user, "--group-name", "data-platform")
    m.role("glue-etl-admin", trust("glue.amazonaws.com"), description="Runs the platform's maintenance jobs")
    m.aws("iam", "attach-role-policy", "--role-name", "glue-etl-admin", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess")
    m.role("glue-reporting", trust("glue.amazonaws.com"), description="Runs the reporting sessions")
    m.aws("iam", "put-role-policy", "--role-name", "glue-reporting", "--policy-name", "warehouse-access", "--policy-document", json.dumps(RUNTIME_POLICY))

    # ci-deployer passes glue-* roles to Glue only, and creates development endpoints (authorized on "*" only).
    m.aws("iam", "create-user", "--user-name", "ci-deployer")
    m.aws("iam", "put-user-policy", "--user-name", "ci-deployer", "--policy-name", "DeployGlue", "--policy-document", json.dumps(doc(
        {"Sid": "PassGlueRolesToGlue", "Effect": "Allow", "Action": "iam:PassRole", "Resource": f"arn:aws:iam::{ACCT}:role/glue-*",
         "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}}},
        {"Sid": "DevEndpoints", "Effect": "Allow", "Action": "glue:CreateDevEndpoint", "Resource": "*"})))

    # henry may pass ec2-batch to Glue, but ec2-batch trusts only EC2: his saves fail.
    m.aws("iam", "create-user", "--user-name", "henry")
    m.role("ec2-batch", trust("ec2.amazonaws.com"), description="Batch workers")
    m.aws("iam", "put-user-policy", "--user-name", "henry", "--policy-name", "PassBatchRole", "--policy-document",
          json.dumps(pass_role_fix(f"arn:aws:iam::{ACCT}:role/ec2-batch")))

    # An Identity Center permission set that opens interactive sessions as glue-reporting.
    provider = m.aws("iam", "create-saml-provider", "--name", "AWSSSO_0123456789abcdef_DO_NOT_DELETE",
                     "--saml-metadata-document", SSO_METADATA)["SAMLProviderArn"]
    sso_trust = doc({"Effect": "Allow", "Principal": {"Federated": provider}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                     "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}})
    name = "AWSReservedSSO_Analyst_0123456789abcdef"
    m.role(name, sso_trust, f"/aws-reserved/sso.amazonaws.com/{REGION}/", "Created by IAM Identity Center for permission set Analyst")
    m.aws("iam", "put-role-policy", "--role-name", name, "--policy-name", "AwsSSOInlinePolicy", "--policy-document", json.dumps(doc(
        {"Sid": "ReportingSessions", "Effect": "Allow", "Action": "glue:CreateSession", "Resource": f"arn:aws:glue:{REGION}:{ACCT}:session/*"},
        pass_role_fix(f"arn:aws:iam::{ACCT}:role/glue-reporting")["Statement"][0])))

    # legacy-etl trusts Glue, but nobody can pass it any more.
    m.role("legacy-etl", trust("glue.amazonaws.com"), description="The old ETL runtime")
    m.capture(out / "audit-escalation", ["nightly-etl"], dana)


SAMPLES = [field_note, scp_deny, boundary_no_allow, role_not_trusting_glue, assumed_role_caller, service_role_path, job_uses_other_role, audit_escalation]
ONLY = set(sys.argv[1:])  # e.g. python3 make_samples.py scp_deny

if __name__ == "__main__":
    moto = Moto()
    try:
        for sample in (s for s in SAMPLES if not ONLY or s.__name__ in ONLY):
            moto.reset()
            sample(moto, HERE)
            print("wrote", sample.__name__.replace("_", "-"), file=sys.stderr)
    finally:
        moto.close()
