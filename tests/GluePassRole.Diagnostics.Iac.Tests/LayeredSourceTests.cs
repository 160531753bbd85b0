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

    // Issue 19: an inline policy of the snapshot below that cannot be read is unread on its own; the snapshot's other
    // policies and the template's addition are still read.
    [Fact]
    public async Task GetInlinePolicyReadsAsync_BrokenInlinePolicyInTheSnapshot_UnreadOnItsOwnTemplateAdditionRead()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gpr-iac-" + Guid.NewGuid().ToString("N"));
        try
        {
            var source = SampleAccounts.Folder("field-note");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var details = Path.Combine(folder, "get-account-authorization-details.json");
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(details))!;
            var group = json["GroupDetailList"]!.AsArray().Single(g => (string?)g!["GroupName"] == "GlueAccess")!;
            group["GroupPolicyList"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"PolicyName":"broken","PolicyDocument":{"Version":"2012-10-17","Statement":5}}]""");
            File.WriteAllText(details, json.ToJsonString());
            var account = IacAccount.Load(new IacSourceOptions { Templates = [Template], SnapshotDirectory = folder });

            var reads = (await account.GetInlinePolicyReadsAsync(IamEntityKind.Group, "GlueAccess")).Value!;

            Assert.Equal(["pass-reporting-runtime"], reads.Read.Select(p => p.Name));
            Assert.Equal("broken", Assert.Single(reads.Unread).Name);
            Assert.Equal(SourceResultStatus.Unreadable, (await account.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueAccess")).Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
