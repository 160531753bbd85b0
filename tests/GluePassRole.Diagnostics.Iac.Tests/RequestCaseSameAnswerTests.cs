using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// One request, one answer: on each request case (tests/Shared/RequestCases, whose READMEs cite the AWS pages), the
/// investigation of the snapshot, the investigation of the template laid on it, the audit of the snapshot and the
/// <see cref="IacPassRole"/> assertion give the same answer: the decision, or the same conditions when it depends on
/// circumstances (the audit: no grant, a grant, or a conditional grant). Before the request builder, each surface built its own request and they disagreed.
/// </summary>
public sealed class RequestCaseSameAnswerTests
{
    private const string Users = "arn:aws:iam::111122223333:user/";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("admin-guardrail", "admin-bob", "etl-runtime", "Allowed")]
    [InlineData("admin-guardrail", "carol", "etl-runtime", "Denied")]
    [InlineData("abac-tags", "frank", "etl-runtime", "Allowed")]
    [InlineData("abac-tags", "dana", "finance-runtime", "Denied")]
    [InlineData("abac-tags", "dana", "etl-runtime", "Allowed when aws:ResourceTag/team = data; ImplicitDeny otherwise")]
    [InlineData("org-keys", "dana", "etl-runtime", "Allowed")]
    [InlineData("time-window", "dana", "etl-runtime", "Allowed")]
    [InlineData("username-resource", "dana", "dana-glue", "Allowed")]
    [InlineData("username-resource", "dana", "erin-glue", "Denied")]
    [InlineData("source-ip", "dana", "etl-runtime", "Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0; ImplicitDeny otherwise")]
    public async Task EverySurface_SameAccount_SameAnswer(string name, string user, string role, string expected)
    {
        var principal = Users + user;
        var request = PassRoleInvestigationRequest.ForRole(principal, role) with { At = Now };

        var fromSnapshot = await InvestigateAsync(b => b.UseSnapshot(RequestCases.Snapshot(name)), request);
        var fromTemplate = await InvestigateAsync(b => b.UseIac(Options(name)), request);
        var assertion = await IacPassRole.CheckAsync(IacAccount.Load(Options(name)), principal, role, mfa: null);
        var audit = await AuditAsync(name);
        var grant = audit.Grants.SingleOrDefault(g => g.Principal.EndsWith(":user/" + user, StringComparison.Ordinal) && g.Role.EndsWith(":role/" + role, StringComparison.Ordinal));

        Assert.Equal(expected, Answer(fromSnapshot.Circumstances!));
        Assert.Equal(expected, Answer(fromTemplate.Circumstances!));
        Assert.Equal(expected, Answer(assertion.Conditions!));
        // The audit states the same answer as a grant: none when denied, unconditional when allowed, conditional otherwise.
        Assert.Equal(expected switch { "Allowed" => "Allowed", "Denied" => "Denied", _ => "Conditional" }, grant is null ? "Denied" : grant.IsConditional ? "Conditional" : "Allowed");
    }

    /// <summary>The decision when it does not depend on circumstances (denials of either kind as one), else the conditions.</summary>
    private static string Answer(ConditionalDecision decision) => decision.Uniform switch
    {
        Decision.Allowed => "Allowed",
        Decision.ExplicitDeny or Decision.ImplicitDeny => "Denied",
        _ => decision.Describe(),
    };

    private static IacSourceOptions Options(string name) => new()
    {
        Templates = [RequestCases.Template(name)],
        AccountId = RequestCases.AccountId,
        SnapshotDirectory = RequestCases.Snapshot(name),
    };

    private static async Task<PassRoleReport> InvestigateAsync(Action<IPassRoleDiagnosticsBuilder> source, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }

    private static async Task<PassRoleAuditReport> AuditAsync(string name)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(RequestCases.Snapshot(name));
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync();
    }
}
