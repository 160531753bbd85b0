using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// The audit on issue 17's request cases (tests/Shared/RequestCases: each case's README states what AWS decides, with
/// the AWS page): the keys AWS supplies from the account data, the circumstances it cannot know (listed as the grant's
/// conditions), and Glue's own request to assume the role (a confused-deputy guard makes the trust conditional).
/// </summary>
public sealed class RequestCaseAuditTests
{
    private const string Account = RequestCases.AccountId;

    public static TheoryData<string> AllCases => [.. RequestCases.Names];

    /// <summary>
    /// aws:PrincipalArn is in the context of every signed request, the user's ARN for an IAM user
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn);
    /// the Deny with ArnNotLike user/admin-* applies to carol, not to admin-bob, and an explicit deny wins
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
    /// </summary>
    [Fact]
    public async Task AuditAsync_AdminGuardrail_AdminBobGrantedCarolNot()
    {
        var report = await AuditAsync("admin-guardrail");

        var bob = Grant(report, User("admin-bob"), Role("etl-runtime"));
        Assert.Empty(Conditions(bob));
        Assert.True(bob.CanRunAsRole);
        Assert.DoesNotContain(report.Grants, g => g.Principal == User("carol"));
    }

    /// <summary>
    /// aws:PrincipalTag/team is in the request of a user with that tag
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag):
    /// frank's grant holds. The passed role's tags are not reliably in an iam:PassRole request ("This approach does not
    /// have reliable results", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html): dana's and
    /// erin's grants to etl-runtime (tagged team=data) hold only if the request carries the role's tag, and nobody can
    /// pass finance-runtime (team=finance), whether the request carries its tag or not.
    /// </summary>
    [Fact]
    public async Task AuditAsync_AbacTags_EtlRuntimeGrantedOnTheRoleTagFinanceRuntimeNot()
    {
        var report = await AuditAsync("abac-tags");

        Assert.Empty(Conditions(Grant(report, User("frank"), Role("etl-runtime"))));
        var dana = Assert.Single(Conditions(Grant(report, User("dana"), Role("etl-runtime"))));
        Assert.Equal("aws:ResourceTag/team", dana.Key);
        Assert.StartsWith("aws:ResourceTag/team = data", dana.Description, StringComparison.Ordinal);
        Assert.Equal(GrantConditionScope.PassRole, dana.Scope);
        var erin = Assert.Single(Conditions(Grant(report, User("erin"), Role("etl-runtime"))));
        Assert.Equal("iam:ResourceTag/team", erin.Key);
        Assert.DoesNotContain(report.Grants, g => g.Role == Role("finance-runtime"));
        // Nobody can pass it now, but the snapshot's job finance-close runs as it: it is in use, not dead (issue 18 review item 1).
        Assert.DoesNotContain(report.Findings, f => f.Code == AuditFindingCodes.DeadRole && f.Roles.Contains(Role("finance-runtime")));
    }

    /// <summary>
    /// A trust policy that lets glue.amazonaws.com assume the role only with aws:SourceAccount = the account (the guard of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html): aws:SourceAccount is present only when a
    /// service acts on behalf of a resource, and AWS does not document that Glue sends it
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount),
    /// so the trust is conditional, never "does not trust Glue"; the pass itself does not read the trust policy.
    /// </summary>
    [Fact]
    public async Task AuditAsync_TrustSourceAccount_GrantKeptConditionalOnGluesSourceAccount()
    {
        var report = await AuditAsync("trust-source-account");

        var grant = Grant(report, User("dana"), Role("etl-runtime"));
        var condition = Assert.Single(Conditions(grant));
        Assert.Equal("aws:SourceAccount", condition.Key);
        Assert.Equal(GrantConditionScope.GlueAssumeRole, condition.Scope);
        Assert.Contains(Account, condition.Description, StringComparison.Ordinal);
        Assert.Equal("Allowed", Verdicts(grant).Pass);
        Assert.StartsWith($"Allowed when aws:SourceAccount = {Account}", Verdicts(grant).Trust, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code is AuditFindingCodes.PassableRoleNotTrustingGlue or AuditFindingCodes.DeadRole);
        Assert.Equal(1, report.TargetCount);
    }

    /// <summary>
    /// aws:PrincipalOrgID is the organization of the principal's account and aws:PrincipalOrgPaths its path
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths):
    /// the identity allow on the organization ID holds, and the root SCP's deny outside OU ou-ab12-11111111 does not apply
    /// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
    /// </summary>
    [Fact]
    public async Task AuditAsync_OrgKeys_Granted()
    {
        var report = await AuditAsync("org-keys");

        Assert.Empty(Conditions(Grant(report, User("dana"), Role("etl-runtime"))));
        Assert.DoesNotContain(report.Findings, f => f.Code == AuditFindingCodes.DeadRole);
    }

    /// <summary>
    /// aws:CurrentTime is in every request
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime):
    /// DateLessThan 2099-01-01 allows now, and not at a moment after it asked about with <see cref="RequestOptions.At"/>.
    /// </summary>
    [Fact]
    public async Task AuditAsync_TimeWindow_GrantedNowNotAfterTheWindow()
    {
        var now = await AuditAsync("time-window");
        var after = await AuditAsync("time-window", new RequestOptions { At = new DateTimeOffset(2099, 6, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.Empty(Conditions(Grant(now, User("dana"), Role("etl-runtime"))));
        Assert.Empty(after.Grants);
        // The snapshot's job nightly-etl runs as etl-runtime: in use, so not dead even when nobody can pass it (issue 18 review item 1).
        Assert.DoesNotContain(after.Findings, f => f.Code == AuditFindingCodes.DeadRole && f.Roles.Contains(Role("etl-runtime")));
    }

    /// <summary>
    /// ${aws:username} in Resource is replaced by the IAM user's name
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): each user passes its own role only.
    /// </summary>
    [Fact]
    public async Task AuditAsync_UsernameResource_EachUserItsOwnRoleOnly()
    {
        var report = await AuditAsync("username-resource");

        Assert.Equal(
            [(User("dana"), Role("dana-glue")), (User("erin"), Role("erin-glue"))],
            report.Grants.Select(g => (g.Principal, g.Role)));
        Assert.All(report.Grants, g => Assert.Empty(Conditions(g)));
    }

    /// <summary>
    /// aws:SourceIp is where the caller calls from, which no account data records
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip);
    /// IpAddress matches it against the CIDR and not a missing key
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress):
    /// the grant holds only from 10.0.0.0/8. Pinning the key (<see cref="RequestOptions.Pinned"/>) decides it.
    /// </summary>
    [Fact]
    public async Task AuditAsync_SourceIp_GrantConditionalOnTheCorporateNetwork()
    {
        var report = await AuditAsync("source-ip");
        var inside = await AuditAsync("source-ip", new RequestOptions { Pinned = RequestContext.Empty.With("aws:SourceIp", "10.1.2.3") });
        var outside = await AuditAsync("source-ip", new RequestOptions { Pinned = RequestContext.Empty.With("aws:SourceIp", "192.0.2.10") });

        var grant = Grant(report, User("dana"), Role("etl-runtime"));
        var condition = Assert.Single(Conditions(grant));
        Assert.Equal("aws:SourceIp", condition.Key);
        Assert.StartsWith("aws:SourceIp in 10.0.0.0/8", condition.Description, StringComparison.Ordinal);
        Assert.Equal(GrantConditionScope.PassRole, condition.Scope);
        Assert.StartsWith("Allowed when aws:SourceIp in 10.0.0.0/8", Verdicts(grant).Pass, StringComparison.Ordinal);
        Assert.EndsWith("ImplicitDeny otherwise", Verdicts(grant).Pass, StringComparison.Ordinal);
        Assert.False(grant.RequiresMfa);
        Assert.Empty(Conditions(Grant(inside, User("dana"), Role("etl-runtime"))));
        Assert.Empty(outside.Grants);
    }

    /// <summary>
    /// The IAM User Guide's deny-by-source-IP guardrail (NotIpAddress aws:SourceIp 192.0.2.0/24 and Bool
    /// aws:ViaAWSService false, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html):
    /// the grant holds from 192.0.2.0/24 (or through an AWS service), and is denied explicitly from elsewhere.
    /// </summary>
    [Fact]
    public async Task AuditAsync_SourceIpGuardrail_GrantConditionalOnTheSourceNetwork()
    {
        var report = await AuditAsync("source-ip-guardrail");

        var grant = Grant(report, User("dana"), Role("etl-runtime"));
        var conditions = Conditions(grant);
        Assert.NotEmpty(conditions);
        Assert.All(conditions, c => Assert.Contains(c.Key, (string[])["aws:SourceIp", "aws:ViaAWSService"]));
        Assert.Contains(conditions, c => c.Key == "aws:SourceIp" && c.Description.StartsWith("aws:SourceIp in 192.0.2.0/24", StringComparison.Ordinal));
        Assert.StartsWith("ExplicitDeny when aws:SourceIp outside 192.0.2.0/24", Verdicts(grant).Pass, StringComparison.Ordinal);
    }

    /// <summary>
    /// aws:MultiFactorAuthAge is the seconds since the MFA sign-in, present only when MFA was used
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthage);
    /// the deny when it is greater than 3600 applies to a stale MFA session only, so the grant is conditional on the
    /// MFA age and does not require MFA (without it the key is absent and NumericGreaterThan does not match).
    /// </summary>
    [Fact]
    public async Task AuditAsync_MfaAge_GrantConditionalOnTheMfaAge()
    {
        var report = await AuditAsync("mfa-age");

        var grant = Grant(report, User("dana"), Role("etl-runtime"));
        Assert.NotEmpty(Conditions(grant));
        Assert.All(Conditions(grant), c => Assert.Equal("aws:MultiFactorAuthAge", c.Key));
        Assert.DoesNotContain(Conditions(grant), c => c.Description.StartsWith("aws:MultiFactorAuthAge > 3600", StringComparison.Ordinal));
        Assert.Contains("ExplicitDeny", Verdicts(grant).Pass, StringComparison.Ordinal);
        Assert.False(grant.RequiresMfa);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task AuditAsync_EveryCase_PrunedEqualsEveryPairDecided(string name)
    {
        var pruned = await AuditAsync(name);
        var all = await AuditAsync(name, prune: false);

        Assert.Equal(PassRoleAuditRenderer.ToJson(all with { PairsDecided = 0 }), PassRoleAuditRenderer.ToJson(pruned with { PairsDecided = 0 }));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task ToJson_EveryCase_ValidatesAgainstThePublishedSchema(string name)
    {
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(await AuditAsync(name)));
        var (valid, errors) = AuditSchema.Validate(json.RootElement);

        Assert.True(valid, errors);
    }

    [Fact]
    public async Task Schema_RejectsAGrantWithoutItsConditions()
    {
        // The schema is not a rubber stamp: a grant without "conditions" fails it.
        var node = JsonNode.Parse(PassRoleAuditRenderer.ToJson(await AuditAsync("source-ip", perPair: true)))!.AsObject();
        node["grants"]![0]!.AsObject().Remove("conditions");
        var grouped = JsonNode.Parse(PassRoleAuditRenderer.ToJson(await AuditAsync("source-ip")))!.AsObject();
        grouped["grantGroups"]![0]!.AsObject().Remove("conditions");
        var noGroups = JsonNode.Parse(PassRoleAuditRenderer.ToJson(await AuditAsync("source-ip")))!.AsObject();
        noGroups.Remove("grantGroups");

        using var json = JsonDocument.Parse(node.ToJsonString());
        Assert.False(AuditSchema.Validate(json.RootElement).IsValid);
        using var groupJson = JsonDocument.Parse(grouped.ToJsonString());
        Assert.False(AuditSchema.Validate(groupJson.RootElement).IsValid);
        using var noGroupsJson = JsonDocument.Parse(noGroups.ToJsonString());
        Assert.False(AuditSchema.Validate(noGroupsJson.RootElement).IsValid);
    }

    [Fact]
    public async Task ToText_ConditionalGrants_SayUnderWhichCircumstances()
    {
        var sourceIp = PassRoleAuditRenderer.ToText(await AuditAsync("source-ip"));
        var trust = PassRoleAuditRenderer.ToText(await AuditAsync("trust-source-account"));
        var markdown = PassRoleAuditRenderer.ToMarkdown(await AuditAsync("source-ip"));

        Assert.Contains("1 grant to pass a role to Glue (0 only with MFA, 1 only under other circumstances)", sourceIp, StringComparison.Ordinal);
        Assert.Contains(": user/dana -> role/etl-runtime: only when aws:SourceIp in 10.0.0.0/8", sourceIp, StringComparison.Ordinal);
        Assert.Contains($"user/dana -> role/etl-runtime: only when Glue's request to assume the role has aws:SourceAccount = {Account}", trust, StringComparison.Ordinal);
        Assert.Contains("if Glue does not, the job fails to assume the role", trust, StringComparison.Ordinal);
        Assert.Contains("-->|runs as, conditional|", markdown, StringComparison.Ordinal);
        Assert.Contains("| Operations | Only when |", markdown, StringComparison.Ordinal);
        Assert.Contains(" | aws:SourceIp in 10.0.0.0/8", markdown, StringComparison.Ordinal);
        Assert.Contains("| Granted by | Only when |", PassRoleAuditRenderer.ToMarkdown(await AuditAsync("source-ip", perPair: true)), StringComparison.Ordinal);
    }

    private static string User(string name) => $"arn:aws:iam::{Account}:user/{name}";

    private static string Role(string name) => $"arn:aws:iam::{Account}:role/{name}";

    private static PassRoleGrant Grant(PassRoleAuditReport report, string principal, string role) =>
        Assert.Single(report.Grants, g => g.Principal == principal && g.Role == role);

    private static IReadOnlyList<GrantCondition> Conditions(PassRoleGrant grant) => grant.Conditions;

    private static (string Pass, string? Trust) Verdicts(PassRoleGrant grant) => (grant.Verdict, grant.TrustVerdict);

    private static Task<PassRoleAuditReport> AuditAsync(string name, RequestOptions? options = null, bool prune = true, bool perPair = false)
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(RequestCases.Snapshot(name));
        return new PassRoleAuditor(snapshot, snapshot, snapshot, snapshot, new PassRoleAuditOptions { Request = options ?? RequestOptions.Default, PerPair = perPair }) { PrunePairs = prune }
            .AuditAsync().AsTask();
    }

    private static Task<PassRoleAuditReport> AuditAsync(string name, bool prune) => AuditAsync(name, null, prune);
}
