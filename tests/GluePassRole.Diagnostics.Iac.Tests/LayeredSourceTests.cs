using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>A template laid on an existing account snapshot: users and groups from the snapshot, role, job and a group policy from the template.</summary>
public sealed class LayeredSourceTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";
    private static readonly string Template = Path.Combine(IacSamples.Root, "cloudformation", "reporting-job.yaml");

    private static IacAccount Load() => IacAccount.Load(new IacSourceOptions
    {
        Templates = [Template],
        SnapshotDirectory = SampleAccounts.Folder("field-note"),
    });

    [Fact]
    public async Task Load_OnSnapshot_AccountFromSnapshotAndGroupPolicyAddedToExistingGroup()
    {
        var account = Load();

        var inline = await account.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueAccess");
        var attached = await account.GetAttachedPoliciesAsync(IamEntityKind.Group, "GlueAccess");

        Assert.Equal("123456789012", account.AccountId);
        Assert.Equal("pass-reporting-runtime", Assert.Single(inline.Value!).Name);
        Assert.Equal("AWSGlueConsoleFullAccess", Assert.Single(attached.Value!).Name);
        Assert.True((await account.GetRoleAsync("etl-runtime")).IsFound);
        Assert.Equal(SourceResultStatus.NotFound, (await account.GetRoleAsync("no-such-role")).Status);
    }

    [Fact]
    public async Task Investigate_JobFromTemplateUserFromSnapshot_AllowedWithMfaAndPolicyOriginNamed()
    {
        var account = Load();
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForJob(Dana, "reporting-daily") with
            {
                Context = Policies.RequestContext.Empty.With("aws:MultiFactorAuthPresent", "true"),
            });

        Assert.Equal(Decision.Allowed, report.Decision);
        Assert.Equal("arn:aws:iam::123456789012:role/glue/reporting-runtime", report.Role);
        var allow = Assert.Single(report.Evaluation!.DecidingStatements);
        var origin = account.OriginOf(allow.Policy.Source)!;
        Assert.Equal(("GlueAccessPassReportingRole", Template), (origin.Resource, origin.File));
    }

    [Fact]
    public async Task CheckAsync_ExistingRoleNotCoveredByTemplate_StillImplicitlyDenied()
    {
        var verdict = await IacPassRole.CheckAsync(Load(), Dana, "etl-runtime");

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        Assert.Contains("AWSGlueConsoleFullAccess", verdict.Explanation, StringComparison.Ordinal);
    }

    // Templates hold no IAM Identity Center data: the base snapshot's sso-admin files answer, and without a snapshot it is unknown.
    [Fact]
    public async Task FindPermissionSet_OnSnapshotWithSsoAdminFiles_AnswersFromTheSnapshot()
    {
        var layered = IacAccount.Load(new IacSourceOptions { Templates = [Template], SnapshotDirectory = SampleAccounts.Folder("assumed-role-caller") });
        var alone = IacAccount.Load(new IacSourceOptions { Templates = [Template] });

        var found = await layered.FindPermissionSetAsync("DataEngineer");
        var unknown = await alone.FindPermissionSetAsync("DataEngineer");

        Assert.Equal("arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-9ge4w9oiqmx5x9ah", found.Value!.PermissionSetArn);
        Assert.Equal(SourceResultStatus.Unreadable, unknown.Status);
        Assert.Contains("sso-admin files", unknown.Error!.Message, StringComparison.Ordinal);
    }
}
