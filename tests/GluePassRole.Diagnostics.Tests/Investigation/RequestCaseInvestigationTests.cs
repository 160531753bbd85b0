using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.Investigation;

/// <summary>
/// The request cases of issue 17 (tests/Shared/RequestCases, each README states AWS's answer and the page that decides
/// it), investigated from their snapshots: the request carries every key AWS supplies, and what depends on how the call
/// was made is decided per class of values. Each of these gave another answer before the request builder.
/// </summary>
public class RequestCaseInvestigationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // aws:PrincipalArn is in every request (IAM User Guide, global condition keys, aws:PrincipalArn): the guardrail
    // "Deny unless ArnLike aws:PrincipalArn user/admin-*" exempts admin-bob and denies carol.
    [Fact]
    public async Task AdminGuardrail_PrincipalArnInTheRequest_AdminAllowedOthersDenied()
    {
        var carol = await FromErrorAsync("admin-guardrail");
        var bob = await ForRoleAsync("admin-guardrail", "arn:aws:iam::111122223333:user/admin-bob", "etl-runtime");

        Assert.Equal(Decision.ExplicitDeny, carol.Decision);
        Assert.Null(carol.Fix);
        Assert.Equal(Decision.Allowed, bob.Decision);
        Assert.Contains(bob.Request!.Keys, k => k.Key == "aws:PrincipalArn" && k.Values.Single() == "arn:aws:iam::111122223333:user/admin-bob" && k.Source == RequestKeySource.AccountData);
    }

    // aws:PrincipalTag/* carries the user's tags (global condition keys, aws:PrincipalTag).
    [Fact]
    public async Task AbacTags_PrincipalTagFromTheUser_Allowed()
    {
        var frank = await ForRoleAsync("abac-tags", "arn:aws:iam::111122223333:user/frank", "etl-runtime");

        Assert.Equal(Decision.Allowed, frank.Decision);
    }

    // "Do not try to control who can pass a role by tagging the role and then using the ResourceTag condition key in a
    // policy with the iam:PassRole action. This approach does not have reliable results." (IAM User Guide,
    // id_roles_use_passrole). Whether the request carries the role's tag is a circumstance: decided with the role's own
    // value and without it. etl-runtime (team=data) is allowed only if the tag is carried; finance-runtime never.
    [Fact]
    public async Task AbacTags_ResourceTagOnPassRole_ConditionalOnTheRoleTagBeingCarried()
    {
        var dana = await ForRoleAsync("abac-tags", "arn:aws:iam::111122223333:user/dana", "etl-runtime");
        var finance = await ForRoleAsync("abac-tags", "arn:aws:iam::111122223333:user/dana", "finance-runtime");

        Assert.True(dana.Circumstances!.IsConditional);
        Assert.StartsWith("Allowed when aws:ResourceTag/team = data", dana.Circumstances.Describe(), StringComparison.Ordinal);
        Assert.Null(dana.Fix);
        Assert.Equal(Decision.ImplicitDeny, finance.Decision);
        Assert.Equal(Decision.ImplicitDeny, finance.Circumstances!.Uniform);
        Assert.Contains(dana.Request!.Keys, k => k.Key == "aws:ResourceTag/team" && k.Values.Single() == "data" && k.Source == RequestKeySource.Circumstance
            && k.Note.Contains("not give reliable results", StringComparison.Ordinal));
    }

    // AWS publishes no list of the services that send aws:SourceAccount when they assume a role (confused-deputy page):
    // the trust holds exactly when Glue sends the account. Conditional, never "does not trust".
    [Fact]
    public async Task TrustSourceAccount_ConfusedDeputyGuard_ConditionalTrustNotMissing()
    {
        var report = await FromErrorAsync("trust-source-account");

        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.RoleTrustMissingService);
        var conditional = Assert.Single(report.Findings, f => f.Code == FindingCodes.RoleTrustConditional);
        Assert.Contains("aws:SourceAccount = 111122223333", conditional.Message, StringComparison.Ordinal);
        Assert.Contains(report.Checks, c => c.Outcome == CheckOutcome.Conditional);
    }

    // aws:PrincipalOrgID and aws:PrincipalOrgPaths come from the organizations/ folder (policy ARNs and levels).
    [Fact]
    public async Task OrgKeys_OrganizationFromTheSnapshot_Allowed()
    {
        var report = await ForRoleAsync("org-keys", "arn:aws:iam::111122223333:user/dana", "etl-runtime");

        Assert.Equal(Decision.Allowed, report.Decision);
        Assert.Contains(report.Request!.Keys, k => k.Key == "aws:PrincipalOrgPaths" && k.Values.Single() == "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/");
    }

    // aws:CurrentTime is in every request; --at asks about another moment.
    [Fact]
    public async Task TimeWindow_CurrentTimeInTheRequest_AllowedBeforeTheEndNotAfter()
    {
        var now = await ForRoleAsync("time-window", "arn:aws:iam::111122223333:user/dana", "etl-runtime");
        var later = await ForRoleAsync("time-window", "arn:aws:iam::111122223333:user/dana", "etl-runtime", at: new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(Decision.Allowed, now.Decision);
        Assert.Equal(Decision.ImplicitDeny, later.Decision);
    }

    // Asked without an error (--principal and --role): the report speaks of no error (issue 18 item 11).
    [Fact]
    public async Task WithoutAnError_AlreadyAllowed_SpeaksOfNoError()
    {
        var report = await ForRoleAsync("time-window", "arn:aws:iam::111122223333:user/dana", "etl-runtime");

        var allowed = Assert.Single(report.Findings, f => f.Code == FindingCodes.AlreadyAllowed);
        Assert.DoesNotContain("error", allowed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(report.Checks, c => c.Summary.Contains("the principal's account", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Checks, c => c.Summary.Contains("the error's account", StringComparison.Ordinal));
    }

    // ${aws:username} in Resource (IAM User Guide, policy variables).
    [Fact]
    public async Task UsernameResource_PolicyVariable_Allowed()
    {
        var report = await ForRoleAsync("username-resource", "arn:aws:iam::111122223333:user/dana", "dana-glue");

        Assert.Equal(Decision.Allowed, report.Decision);
    }

    // The caller's network is a circumstance: the allow holds from 10.0.0.0/8 only, so no fix may widen past it.
    [Fact]
    public async Task SourceIp_AllowLimitedToANetwork_ConditionalAndNoWideningFix()
    {
        var report = await FromErrorAsync("source-ip");

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Null(report.Fix);
        Assert.StartsWith("Allowed when aws:SourceIp in 10.0.0.0/8", report.Circumstances!.Describe(), StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, report.Circumstances.DecisionAt(RequestContext.Empty.With("aws:SourceIp", "10.20.30.40")));
        Assert.Equal(Decision.ImplicitDeny, report.Circumstances.DecisionAt(RequestContext.Empty.With("aws:SourceIp", "203.0.113.9")));
    }

    // An explicit-deny error picks the circumstances under which the network guardrail fires (outside 192.0.2.0/24,
    // not via an AWS service), and the MFA-age guardrail (MultiFactorAuthAge > 3600): no longer "Allowed".
    [Theory]
    [InlineData("source-ip-guardrail")]
    [InlineData("mfa-age")]
    public async Task CircumstanceGuardrail_ExplicitDenyError_ExplicitDeny(string name)
    {
        var report = await FromErrorAsync(name);

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.ErrorReasonMismatch);
    }

    // "You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account"
    // (IAM User Guide, id_roles_use_passrole).
    [Fact]
    public async Task CrossAccountRole_RoleInAnotherAccount_FindingAndNoAllow()
    {
        var report = await FromErrorAsync("cross-account-role");

        Assert.Contains(report.Findings, f => f.Code == FindingCodes.CrossAccountRole);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.NotFound);
        Assert.Null(report.Fix);
    }

    // --mfa false contradicts an implicit-deny error when a force-MFA guardrail denies without MFA; the verification runs
    // under the same circumstance as the verdict.
    [Fact]
    public async Task MfaMismatch_MfaFalseAgainstImplicitDenyError_Mismatch()
    {
        var report = await FromErrorAsync("mfa-mismatch", RequestContext.Empty.With("aws:MultiFactorAuthPresent", "false"));

        Assert.Contains(report.Findings, f => f.Code == FindingCodes.ErrorReasonMismatch);
        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        Assert.True(report.Verification is null || report.Verification.Explanation.Contains("aws:MultiFactorAuthPresent=false", StringComparison.Ordinal));
    }

    private static async Task<PassRoleReport> FromErrorAsync(string name, RequestContext? pinned = null)
    {
        var error = await File.ReadAllTextAsync(RequestCases.ErrorFile(name));
        return await InvestigateAsync(name, PassRoleInvestigationRequest.FromError(error) with { At = Now, Context = pinned ?? RequestContext.Empty });
    }

    private static Task<PassRoleReport> ForRoleAsync(string name, string principal, string role, DateTimeOffset? at = null) =>
        InvestigateAsync(name, PassRoleInvestigationRequest.ForRole(principal, role) with { At = at ?? Now });

    private static async Task<PassRoleReport> InvestigateAsync(string name, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(RequestCases.Snapshot(name));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }
}
