using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using static GluePassRole.Diagnostics.Tests.Audit.AuditAccountBuilder;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// A small account where every principal × role answer is written down and explained. Principals: users alice ... ivan
/// and every role as a session of itself; roles trusting Glue: etl-runtime, etl-admin, AWSGlueServiceRole-default,
/// service-role/AWSGlueServiceRole-crawler, data/etl, data/team/nested, dataset, legacy-glue; not trusting Glue: ec2-worker
/// and the Identity Center role.
/// </summary>
/// <remarks>
/// AWS pages relied on:
/// "Grant a user permissions to pass a role to an AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// (iam:PassRole on the role ARN, iam:PassedToService limits the service);
/// "IAM JSON policy elements: Resource", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
/// (a * in the resource part spans "/", so role/data/* reaches role/data/team/nested but not role/dataset);
/// "IAM JSON policy elements: NotAction", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html;
/// "Permissions boundaries for IAM entities", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
/// (the boundary must allow too); "Policy evaluation logic" (an explicit deny wins);
/// the IAM User Guide's force-MFA example policy (TestData/force-mfa.json: everything but MFA self-service is denied
/// while aws:MultiFactorAuthPresent is false or absent, BoolIfExists);
/// AWS Glue Developer Guide, "Attach a policy to users or groups that access AWS Glue" (AWSGlueConsoleFullAccess passes
/// only role/AWSGlueServiceRole* and role/service-role/AWSGlueServiceRole* to glue.amazonaws.com);
/// Service Authorization Reference for AWS Glue (glue:CreateJob needs a job resource, glue:CreateDevEndpoint "*" only).
/// </remarks>
public sealed class HandCheckedAccountTests : IDisposable
{
    private const string IdentityCenterRole = "AWSReservedSSO_DataEngineer_0123456789abcdef";
    private static readonly string Sso = $"aws-reserved/sso.amazonaws.com/eu-west-1/{IdentityCenterRole}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static AuditAccountBuilder Build()
    {
        var account = new AuditAccountBuilder();
        var forceMfa = account.Policy("Force_MFA", JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "force-mfa.json")))!);
        var s3Only = account.Policy("S3OnlyBoundary", Doc(Allow("s3:*", "*")));
        var createJobs = Allow(new[] { "glue:CreateJob", "glue:StartJobRun" }, $"arn:aws:glue:*:{Account}:job/*");

        // alice (user-granted): exact ARN to Glue, and may create jobs -> runs as etl-runtime. Her exact grant on ec2-worker,
        // a role that trusts only EC2, is a save that will fail.
        account.User("alice", Doc(PassToGlue(Arn("role", "etl-runtime")), PassToGlue(Arn("role", "ec2-worker")), createJobs));

        // bob (group-granted): AWSGlueConsoleFullAccess through group GlueConsole: both documented AWSGlueServiceRole* paths,
        // StringLike on iam:PassedToService, glue:* on * (every run-as operation).
        account.Group("GlueConsole", managed: ["arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"]);
        account.User("bob", groups: ["GlueConsole"]);

        // carol: role/data/* spans paths (data/etl and data/team/nested, not dataset); interactive sessions only.
        account.User("carol", Doc(PassToGlue(Arn("role", "data/*")), Allow("glue:CreateSession", "*")));

        // dave: etl-runtime only to EC2 (StringEquals, another service: not Glue); data/etl to glue.* (StringLike: Glue).
        account.User("dave", Doc(
            Allow("iam:PassRole", Arn("role", "etl-runtime"), new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = "ec2.amazonaws.com" } }),
            Allow("iam:PassRole", Arn("role", "data/etl"), new JsonObject { ["StringLike"] = new JsonObject { ["iam:PassedToService"] = "glue.*" } })));

        // erin: etl-* to Glue, but an explicit deny on etl-admin; crawlers only (another role-taking operation, not run-as).
        account.User("erin", Doc(PassToGlue(Arn("role", "etl-*")), Deny("iam:PassRole", Arn("role", "etl-admin")), Allow("glue:CreateCrawler", "*")));

        // frank: the force-MFA guardrail through group developers: allowed only with MFA.
        account.Group("developers", managed: [forceMfa]);
        account.User("frank", Doc(PassToGlue(Arn("role", "etl-runtime")), createJobs), groups: ["developers"]);

        // gina: her own allow, but her boundary lacks iam:PassRole: nothing.
        account.User("gina", Doc(PassToGlue(Arn("role", "etl-runtime"))), boundary: s3Only);

        // hank: NotAction [iam:*, s3:*] does not cover iam:PassRole: nothing.
        account.User("hank", Doc(Allow(new NotAction("iam:*", "s3:*"), "*")));

        // ivan: NotAction s3:* on role/data/* covers iam:PassRole with no iam:PassedToService; its Resource names no job.
        account.User("ivan", Doc(Allow(new NotAction("s3:*"), Arn("role", "data/*"))));

        var glue = TrustService("glue.amazonaws.com");
        account.Role("etl-runtime", glue, inline: Doc(Allow("s3:GetObject", "arn:aws:s3:::warehouse/*")));
        account.Role("etl-admin", glue, inline: Doc(Allow(new[] { "iam:*", "s3:*" }, "*"), Deny("iam:PassRole", "*")));
        account.Role("AWSGlueServiceRole-default", glue, managed: ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"]);
        account.Role("AWSGlueServiceRole-crawler", glue, path: "/service-role/", managed: ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"]);
        account.Role("etl", glue, path: "/data/", inline: Doc(Allow("kms:Decrypt", "*")));
        account.Role("nested", glue, path: "/data/team/");
        account.Role("dataset", glue);
        account.Role("legacy-glue", glue);
        account.Role("ec2-worker", TrustService("ec2.amazonaws.com"));

        // An IAM Identity Center permission-set role, audited as a session of itself: passes etl-admin and creates jobs.
        account.Role(IdentityCenterRole, Doc(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{Account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE" },
            ["Action"] = new JsonArray("sts:AssumeRoleWithSAML", "sts:TagSession"),
        }), path: "/aws-reserved/sso.amazonaws.com/eu-west-1/", inline: Doc(PassToGlue(Arn("role", "etl-admin")), createJobs));
        return account;
    }

    [Fact]
    public async Task AuditAsync_HandCheckedAccount_EveryGrantAsWrittenDown()
    {
        var report = await AuditAsync(Build().Write(_folder));

        // (principal, role, requiresMfa, canRunAsRole). Every pair not listed is denied; the comments in Build() say why.
        (string, string, bool, bool)[] expected =
        [
            ("user/alice", "role/etl-runtime", false, true),
            ("user/bob", "role/AWSGlueServiceRole-default", false, true),
            ("user/bob", "role/service-role/AWSGlueServiceRole-crawler", false, true),
            ("user/carol", "role/data/etl", false, true),
            ("user/carol", "role/data/team/nested", false, true),
            ("user/dave", "role/data/etl", false, false),
            ("user/erin", "role/etl-runtime", false, false),
            ("user/frank", "role/etl-runtime", true, true),
            ("user/ivan", "role/data/etl", false, false),
            ("user/ivan", "role/data/team/nested", false, false),
            ($"role/{Sso}", "role/etl-admin", false, true),
        ];
        Assert.Equal(
            expected.Select(e => e.ToString()).Order(StringComparer.Ordinal),
            report.Grants.Select(g => (Short(g.Principal), Short(g.Role), g.RequiresMfa, g.CanRunAsRole).ToString()).Order(StringComparer.Ordinal));
        Assert.All(report.Grants, g => Assert.Equal(Account, g.Account));
        Assert.Empty(report.Unknowns);
        Assert.Equal(9 + 10, report.PrincipalCount);
        Assert.Equal(8, report.TargetCount);
    }

    [Fact]
    public async Task AuditAsync_HandCheckedAccount_OperationsAndGrantingStatements()
    {
        var report = await AuditAsync(Build().Write(_folder));
        PassRoleGrant Grant(string principal, string role) => report.Grants.Single(g => Short(g.Principal) == principal && Short(g.Role) == role);

        // Group-granted versus user-granted.
        var bob = Grant("user/bob", "role/AWSGlueServiceRole-default");
        Assert.Equal("group GlueConsole", Assert.Single(bob.GrantedBy).Via);
        Assert.Equal("AWSGlueConsoleFullAccess", bob.GrantedBy[0].Policy);
        Assert.Equal(["glue:CreateJob", "glue:UpdateJob", "glue:CreateSession", "glue:CreateDevEndpoint", "glue:StartJobRun"], bob.RunOperations);
        Assert.Contains("glue:CreateCrawler", bob.OtherOperations);
        var alice = Grant("user/alice", "role/etl-runtime");
        Assert.Equal(new GrantSource("alice-inline", "alice", "#0", Policies.Evaluation.PolicySourceKind.UserInline), Assert.Single(alice.GrantedBy));
        Assert.Equal(["glue:CreateJob", "glue:StartJobRun"], alice.RunOperations);

        Assert.Equal(["glue:CreateSession"], Grant("user/carol", "role/data/etl").RunOperations);
        var erin = Grant("user/erin", "role/etl-runtime");
        Assert.Empty(erin.RunOperations);
        Assert.Equal(["glue:CreateCrawler"], erin.OtherOperations);

        // frank: only with MFA, and his jobs too run only with MFA (the guardrail denies them without).
        var frank = Grant("user/frank", "role/etl-runtime");
        Assert.True(frank.RequiresMfa);
        Assert.Equal(["glue:CreateJob", "glue:StartJobRun"], frank.RunOperations);
    }

    [Fact]
    public async Task AuditAsync_HandCheckedAccountPerPair_FindingsAsWrittenDown()
    {
        var report = await AuditAsync(Build().Write(_folder), perPair: true);
        var findings = report.Findings.Select(f => $"{f.Code} {(f.Principal is null ? f.Policy : Short(f.Principal))} {(f.Role is null ? f.Statement : Short(f.Role))}").ToList();

        Assert.Equal(
            [
                // The Identity Center role runs as etl-admin (iam:* writes, s3:* it lacks); carol runs as data/etl (kms:Decrypt on all keys).
                $"Escalation role/{Sso} role/etl-admin",
                "Escalation user/carol role/data/etl",
                // etl-admin's iam:* and ivan's NotAction both cover iam:PassRole without iam:PassedToService.
                "PassRoleWithoutPassedToService etl-admin-inline #0",
                "PassRoleWithoutPassedToService ivan-inline #0",
                "PassableRoleNotTrustingGlue user/alice role/ec2-worker",
                // Trust Glue, nobody can pass them: role/dataset is outside role/data/*.
                "DeadRole  role/dataset",
                "DeadRole  role/legacy-glue",
            ],
            findings);

        var escalation = report.Findings.First(f => f.Code == AuditFindingCodes.Escalation);
        Assert.Equal(
            $"role/{Sso} → passes role/etl-admin to Glue via role {IdentityCenterRole} → glue:CreateJob → runs as role/etl-admin, which holds "
            + $"iam:CreateUser, iam:CreateAccessKey, iam:AttachUserPolicy, iam:PutRolePolicy, iam:AttachRolePolicy, iam:UpdateAssumeRolePolicy, iam:CreatePolicyVersion, iam:AddUserToGroup, s3:GetObject on all buckets, s3:PutObject on all buckets that {IdentityCenterRole} lacks",
            escalation.Path);
        Assert.Contains("kms:Decrypt on all keys", report.Findings.Single(f => f.Code == AuditFindingCodes.Escalation && f.Principal!.EndsWith("carol", StringComparison.Ordinal)).Path, StringComparison.Ordinal);
        Assert.All(report.Findings.Where(f => f.Principal is not null), f => Assert.Equal([f.Principal!], f.Principals));
        Assert.All(report.Findings.Where(f => f.Role is not null), f => Assert.Equal([f.Role!], f.Roles));
    }

    /// <summary>
    /// By cause (the default): the same findings where each cause has one principal and one role, and one DeadRole finding
    /// for both roles nobody can pass (issue 19, item 2).
    /// </summary>
    [Fact]
    public async Task AuditAsync_HandCheckedAccount_FindingsByCause()
    {
        var report = await AuditAsync(Build().Write(_folder));
        var findings = report.Findings.Select(f => $"{f.Code} [{string.Join(" ", f.Principals.Select(Short))}] [{string.Join(" ", f.Roles.Select(Short))}] {f.Statement}").ToList();

        Assert.False(report.PerPair);
        Assert.Equal(
            [
                $"Escalation [role/{Sso}] [role/etl-admin] ",
                "Escalation [user/carol] [role/data/etl] ",
                // Each statement names the principals that hold it (issue 18 review item 3).
                "PassRoleWithoutPassedToService [role/etl-admin] [] #0",
                "PassRoleWithoutPassedToService [user/ivan] [] #0",
                "PassableRoleNotTrustingGlue [user/alice] [role/ec2-worker] ",
                "DeadRole [] [role/dataset role/legacy-glue] ",
            ],
            findings);
        var dead = report.Findings[^1];
        Assert.Null(dead.Role);
        Assert.Equal("2 roles (role/dataset, role/legacy-glue) trust Glue, but no principal can pass them to Glue: no job, session or endpoint can be saved with them.", dead.Message);
        var notTrusting = report.Findings.Single(f => f.Code == AuditFindingCodes.PassableRoleNotTrustingGlue);
        Assert.Equal(new GrantSource("alice-inline", "alice", "#1", Policies.Evaluation.PolicySourceKind.UserInline), Assert.Single(notTrusting.GrantedBy));
        Assert.EndsWith("or drop the grant: statement #1 of alice-inline (user alice).", notTrusting.Message, StringComparison.Ordinal);

        // One principal and one role: the escalation reads as it does per pair.
        var perPair = await AuditAsync(Build().Write(_folder), perPair: true);
        Assert.Equal(
            perPair.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).Select(f => (f.Message, f.Path)),
            report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).Select(f => (f.Message, f.Path)));
    }

    /// <summary>The grants grouped by what grants them: each grant in exactly one group, each group's every pair a grant.</summary>
    [Fact]
    public async Task AuditAsync_HandCheckedAccount_GrantGroupsCoverEveryGrantOnce()
    {
        var report = await AuditAsync(Build().Write(_folder));

        Assert.Equal(
            report.Grants.Select(g => (g.Principal, g.Role)).Order(),
            report.GrantGroups.SelectMany(g => g.Principals.SelectMany(p => g.Roles.Select(r => (p, r)))).Order());
        Assert.Equal(report.Grants.Count, report.GrantGroups.Sum(g => g.GrantCount));

        // carol passes data/etl and data/team/nested through one statement: one group, two roles.
        var carol = Assert.Single(report.GrantGroups, g => g.Principals.Contains(Arn("user", "carol")));
        Assert.Equal([Arn("role", "data/etl"), Arn("role", "data/team/nested")], carol.Roles);
        Assert.Equal(["glue:CreateSession"], carol.RunOperations);
        Assert.Equal("carol-inline", Assert.Single(carol.GrantedBy).Policy);
    }

    [Fact]
    public async Task AuditAsync_HandCheckedAccount_PrunedEqualsEveryPairDecided()
    {
        var snapshot = Build().Write(_folder);
        var pruned = await AuditAsync(snapshot);
        var all = await AuditAsync(snapshot, prune: false);

        Assert.Equal(PassRoleAuditRenderer.ToJson(all).Replace(Pairs(all), string.Empty, StringComparison.Ordinal), PassRoleAuditRenderer.ToJson(pruned).Replace(Pairs(pruned), string.Empty, StringComparison.Ordinal));
        Assert.True(pruned.PairsDecided < all.PairsDecided, $"pruned {pruned.PairsDecided} vs all {all.PairsDecided}");
    }

    [Fact]
    public async Task AuditAsync_PrincipalAllowedEveryRole_PassAnyRoleInsteadOfDeadRoles()
    {
        var account = new AuditAccountBuilder();
        account.User("judy", Doc(PassToGlue("*"), Allow("glue:CreateJob", "*")));
        account.Role("etl-runtime", TrustService("glue.amazonaws.com"));
        account.Role("ec2-worker", TrustService("ec2.amazonaws.com"));

        var report = await AuditAsync(account.Write(_folder));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(AuditFindingCodes.PassAnyRole, finding.Code);
        Assert.Contains("1 of which do not trust Glue", finding.Message, StringComparison.Ordinal);
        Assert.Equal("role/etl-runtime", Short(Assert.Single(report.Grants).Role));
    }

    [Fact]
    public async Task AuditAsync_UnreadableManagedPolicy_PrincipalUnknownNeverDenied()
    {
        var account = new AuditAccountBuilder();
        account.User("kim", Doc(PassToGlue(Arn("role", "etl-runtime"))), managed: [Arn("policy", "DeletedPolicy")]);
        account.Role("etl-runtime", TrustService("glue.amazonaws.com"));

        var report = await AuditAsync(account.Write(_folder));

        Assert.Empty(report.Grants);
        var unknown = Assert.Single(report.Unknowns);
        Assert.Equal(Arn("user", "kim"), unknown.Principal);
        Assert.Equal([Arn("role", "etl-runtime")], unknown.AllowedByReadPolicies);
        Assert.DoesNotContain(report.Findings, f => f.Code == AuditFindingCodes.DeadRole);
    }

    /// <summary>Issue 19 item 10: what the audit could not read is in its SARIF too, undecided (kind open, level none), never a failure.</summary>
    [Fact]
    public async Task ToSarif_UnreadableManagedPolicy_UndecidedResultAboutThePrincipal()
    {
        var account = new AuditAccountBuilder();
        account.User("kim", Doc(PassToGlue(Arn("role", "etl-runtime"))), managed: [Arn("policy", "DeletedPolicy")]);
        account.Role("etl-runtime", TrustService("glue.amazonaws.com"));

        var report = await AuditAsync(account.Write(_folder));
        using var sarif = System.Text.Json.JsonDocument.Parse(PassRoleAuditRenderer.ToSarif(report));

        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "UnreadableData");
        Assert.Equal("open", result.GetProperty("kind").GetString());
        Assert.Equal("none", result.GetProperty("level").GetString());
        Assert.Equal(Arn("user", "kim"), result.GetProperty("properties").GetProperty("principal").GetString());
        Assert.Equal(Arn("role", "etl-runtime"), result.GetProperty("properties").GetProperty("allowedByReadPolicies").GetString());
    }

    internal static string Short(string arn) => arn[(arn.IndexOf(":user/", StringComparison.Ordinal) is var u and >= 0 ? u + 1 : arn.IndexOf(":role/", StringComparison.Ordinal) + 1)..];

    private static string Pairs(PassRoleAuditReport report) => $"\"pairsDecided\": {report.PairsDecided}";
}
