using System.Text.Json;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Tests.Investigation;

/// <summary>
/// Reports are never surer than their data (issue "Truthful under partial data"). What AWS wrote in the error is evidence:
/// a deny it names in a layer nobody could read stands, with no in-account fix verified against it; an unread layer does
/// not contradict it either; and an Unknown verdict says what is known and what is missing instead of reading as a
/// conclusion. AWS's error messages name the policy type that denied: IAM User Guide, "Troubleshoot access denied error
/// messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
/// </summary>
public sealed class PartialDataInvestigationTests(ITestOutputHelper output)
{
    private const string ScpDenyError = """
        User: arn:aws:iam::123456789012:user/dana is not authorized to perform: iam:PassRole on resource:
        arn:aws:iam::123456789012:role/etl-runtime with an explicit deny in a service control policy
        """;

    [Fact]
    public async Task ScpDenyError_ScpsUnreadable_VerdictIsTheErrorsScpDenyNotTheMfaGuardrail()
    {
        using var copy = TempFolder.CopyOfSample("scp-deny", without: "organizations");
        var folder = copy.Path;

        var report = await InvestigateAsync(folder, File.ReadAllText(Path.Combine(folder, "error.txt")));

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        var blocker = Assert.Single(report.Blockers);
        Assert.Equal((PolicyType.ServiceControlPolicy, BlockerKind.ExplicitDeny, BlockerBasis.ErrorText), (blocker.PolicyType, blocker.Kind, blocker.Basis));
        var named = Assert.Single(report.Findings, f => f.Code == FindingCodes.DenyNamedByError);
        Assert.Contains("organization's administrators", named.Message, StringComparison.Ordinal);
        Assert.Contains("organizations:ListPoliciesForTarget", named.Message, StringComparison.Ordinal);
        Assert.Contains("No change inside account 123456789012 resolves it", named.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code is FindingCodes.ErrorReasonMismatch or FindingCodes.AlreadyAllowed);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.MfaGuardrail && f.Severity == FindingSeverity.Error); // the MFA guardrail is not blamed
        Assert.Null(report.Fix);
        Assert.Null(report.Verification);
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("explicit deny (ServiceControlPolicy, from the error text)", text, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Failed, report.Checks.Single(c => c.Title == "iam:PassRole evaluation").Outcome); // allowed only by what was read
        Assert.DoesNotContain("Verified", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScpDenyError_ScpsUnreadableAndIdentityLacksAllow_IdentityFixIsNotVerifiedAsAllowed()
    {
        // field-note's identity policies lack the allow; the error (as a member account would see it) names an SCP deny.
        using var copy = TempFolder.CopyOfSample("field-note", without: "organizations");
        var folder = copy.Path;

        var report = await InvestigateAsync(folder, ScpDenyError);

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        Assert.Equal(
            [(PolicyType.ServiceControlPolicy, BlockerBasis.ErrorText), (PolicyType.IdentityBased, BlockerBasis.Evaluated)],
            report.Blockers.Select(b => (b.PolicyType, b.Basis)));
        Assert.NotNull(report.Fix); // the identity allow is still needed...
        Assert.Equal(Decision.ExplicitDeny, report.Verification!.DecisionAfterFix); // ...but the SCP the error names still decides
        Assert.False(report.Verification.FixWorks);
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("Not enough: ImplicitDeny -> ExplicitDeny", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImplicitIdentityError_AGroupsPoliciesUnreadable_ErrorIsNotContradicted()
    {
        var folder = SampleAccounts.Folder("field-note");

        var report = await InvestigateAsync(folder, File.ReadAllText(Path.Combine(folder, "error.txt")), denyGroup: "developers");

        Assert.Equal(Decision.ImplicitDeny, report.Decision); // AWS said no identity-based policy allows it; nothing read says otherwise
        Assert.Contains(report.Unread, g => g.Subject.Contains("developers", StringComparison.Ordinal));
        Assert.Equal(Decision.Unknown, report.Verification!.DecisionAfterFix); // allowed by what was read, not verified
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("Not verified: ImplicitDeny -> Unknown", text, StringComparison.Ordinal);
        Assert.Contains("could not be read: if they do not deny it, the fix works", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoErrorText_AGroupsPoliciesUnreadable_UnknownReportSaysWhatIsKnownAndMissing()
    {
        var folder = SampleAccounts.Folder("field-note");
        var request = PassRoleInvestigationRequest.ForRole("arn:aws:iam::123456789012:user/dana", "arn:aws:iam::123456789012:role/etl-runtime");

        var report = await InvestigateAsync(folder, request, denyGroup: "developers");

        Assert.Equal(Decision.Unknown, report.Decision);
        var text = PassRoleReportRenderer.ToText(report);
        output.WriteLine(text);
        Assert.Contains("What is known (the policies that were read):", text, StringComparison.Ordinal);
        Assert.Contains("  - identity-based policies: no statement allows it", text, StringComparison.Ordinal);
        Assert.Contains("Not read:", text, StringComparison.Ordinal);
        Assert.Contains("(reading it needs iam:ListGroupPolicies)", text, StringComparison.Ordinal);
        Assert.Contains("Blocked, in the policies that were read, by:", text, StringComparison.Ordinal);
        Assert.Contains("Fix, if the unread policies do not deny it:", text, StringComparison.Ordinal);
        Assert.Contains("Not verified:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Blocked by:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified:", text.Replace("Not verified:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var markdown = PassRoleReportRenderer.ToMarkdown(report);
        Assert.Contains("## Not read", markdown, StringComparison.Ordinal);
        Assert.Contains("## Least-privilege fix, if the unread policies do not deny it", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        Assert.Equal("iam:ListGroupPolicies", json.RootElement.GetProperty("unread")[0].GetProperty("missingPermission").GetString());
    }

    /// <summary>The boundary's document cannot be read, and the error names the boundary: the same rule as for an SCP.</summary>
    [Fact]
    public async Task BoundaryError_BoundaryUnreadable_VerdictFromTheErrorNamesWhoCanChangeIt()
    {
        var folder = SampleAccounts.Folder("boundary-no-allow");

        var report = await InvestigateAsync(folder, File.ReadAllText(Path.Combine(folder, "error.txt")), denyPolicy: "arn:aws:iam::123456789012:policy/DataEngineerBoundary");

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        var blocker = Assert.Single(report.Blockers);
        Assert.Equal((PolicyType.PermissionsBoundary, BlockerKind.NoAllow, BlockerBasis.ErrorText), (blocker.PolicyType, blocker.Kind, blocker.Basis));
        var named = Assert.Single(report.Findings, f => f.Code == FindingCodes.DenyNamedByError);
        Assert.Contains("the account's IAM administrators can change the boundary policy", named.Message, StringComparison.Ordinal);
        Assert.Contains("iam:GetPolicyVersion", named.Message, StringComparison.Ordinal);
        Assert.Null(report.Fix); // a new boundary version cannot be written from a document nobody read
    }

    private static Task<PassRoleReport> InvestigateAsync(string folder, string error, string? denyGroup = null, string? denyPolicy = null) =>
        InvestigateAsync(folder, PassRoleInvestigationRequest.FromError(error), denyGroup, denyPolicy);

    private static async Task<PassRoleReport> InvestigateAsync(string folder, PassRoleInvestigationRequest request, string? denyGroup = null, string? denyPolicy = null)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        if (denyGroup is not null || denyPolicy is not null)
        {
            var snapshot = AccountSnapshot.LoadFromDirectory(folder);
            services.Replace(ServiceDescriptor.Singleton<IIamReader>(new ReadsDenied(snapshot, denyGroup, denyPolicy)));
        }

        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request with { GlueJobName = "nightly-etl" });
    }

    /// <summary>A reader whose caller may not read one group's policies or one managed policy, as a live account with a narrow read role.</summary>
    private sealed class ReadsDenied(IIamReader inner, string? group, string? policyArn) : IIamReader
    {
        public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) => inner.GetUserAsync(userName, cancellationToken);

        public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) => inner.ListGroupsForUserAsync(userName, cancellationToken);

        public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) => inner.GetGroupAsync(groupName, cancellationToken);

        public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) => inner.GetRoleAsync(roleName, cancellationToken);

        public ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) =>
            kind == IamEntityKind.Group && name == group
                ? ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>("AccessDenied", "iam:ListGroupPolicies", $"Reading inline policies of group {name} failed: AccessDenied."))
                : inner.GetInlinePoliciesAsync(kind, name, cancellationToken);

        public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) =>
            kind == IamEntityKind.Group && name == group
                ? ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<AttachedPolicy>>("AccessDenied", "iam:ListAttachedGroupPolicies", $"Reading managed policies of group {name} failed: AccessDenied."))
                : inner.GetAttachedPoliciesAsync(kind, name, cancellationToken);

        public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string arn, CancellationToken cancellationToken = default) =>
            arn == policyArn
                ? ValueTask.FromResult(SourceResult.Unreadable<ManagedPolicy>("AccessDenied", "iam:GetPolicyVersion", $"Reading managed policy {arn} failed: AccessDenied."))
                : inner.GetManagedPolicyAsync(arn, cancellationToken);
    }
}
