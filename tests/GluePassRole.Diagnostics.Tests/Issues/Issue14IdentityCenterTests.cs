using System.Text.Json;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GluePassRole.Diagnostics.Tests.Issues;

/// <summary>
/// Issue 14 item 4: the permission-set fix names the instance and permission set ARNs when the snapshot (or a live read)
/// finds them, and placeholders with the reason when not.
/// </summary>
/// <remarks>
/// The file shapes are the AWS CLI's outputs of the IAM Identity Center admin API (service model sso-admin 2020-07-20):
/// <c>aws sso-admin list-instances</c> prints <c>{"Instances":[{"InstanceArn","IdentityStoreId","OwnerAccountId","Name",
/// "CreatedDate","Status"}],"NextToken"}</c> (boto3 SSOAdmin list_instances,
/// https://boto3.amazonaws.com/v1/documentation/api/1.34.35/reference/services/sso-admin/client/list_instances.html);
/// <c>list-permission-sets</c> prints <c>{"PermissionSets":["arn"],"NextToken"}</c> (IAM Identity Center API Reference,
/// ListPermissionSets, https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSets.html);
/// <c>describe-permission-set</c> prints <c>{"PermissionSet":{"Name","PermissionSetArn","Description","CreatedDate",
/// "SessionDuration","RelayState"}}</c> (AWS Tools for PowerShell Get-SSOADMNPermissionSet, "Calls the AWS Single Sign-On
/// Admin DescribePermissionSet API operation"; botocore's sso-admin model, shape PermissionSet). The sample's files were
/// written by the AWS CLI against moto (samples/accounts/make_samples.py).
/// </remarks>
public sealed class Issue14IdentityCenterTests
{
    private const string Instance = "arn:aws:sso:::instance/ssoins-ncvjrrhvfubxkfkb";
    private const string PermissionSet = "arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-9ge4w9oiqmx5x9ah";
    private const string Sample = "assumed-role-caller";

    [Fact]
    public async Task Investigate_SnapshotWithSsoAdminFiles_CommandAndJsonTargetHoldTheRealArns()
    {
        var report = await InvestigateAsync(SampleAccounts.Folder(Sample));

        var fix = report.Fix!;
        Assert.Contains($"put-inline-policy-to-permission-set --region ap-northeast-1 --instance-arn {Instance} --permission-set-arn {PermissionSet} --inline-policy", fix.Command, StringComparison.Ordinal);
        Assert.Contains($"provision-permission-set --region ap-northeast-1 --instance-arn {Instance} --permission-set-arn {PermissionSet} --target-type AWS_ACCOUNT", fix.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("<", fix.Command.Replace("'{", string.Empty, StringComparison.Ordinal).Split("--inline-policy")[0], StringComparison.Ordinal);
        Assert.Contains($"Permission set DataEngineer is {PermissionSet} in instance {Instance}.", fix.Rationale, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        Assert.Equal(PermissionSet, json.RootElement.GetProperty("fix").GetProperty("target").GetProperty("arn").GetString());
        Assert.Contains(PermissionSet, PassRoleReportRenderer.ToText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_SnapshotWithoutSsoAdminFiles_PlaceholdersAndTheReason()
    {
        using var copy = TempFolder.CopyOfSample(Sample, without: "sso-admin-");

        var report = await InvestigateAsync(copy.Path);

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.PermissionSet, "DataEngineer"), fix.Target);
        Assert.Contains("--instance-arn <sso-instance-arn: aws sso-admin list-instances> --permission-set-arn <permission-set-arn of DataEngineer:", fix.Command, StringComparison.Ordinal);
        Assert.Contains("The instance and permission set ARNs are placeholders. The snapshot has no sso-admin files", fix.Rationale, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        Assert.False(json.RootElement.GetProperty("fix").GetProperty("target").TryGetProperty("arn", out var arn) && arn.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task FindPermissionSet_MalformedInstancesFile_UnreadableNamingTheFileNeverACrash()
    {
        using var copy = TempFolder.CopyOfSample(Sample, without: null);
        copy.Write("sso-admin-list-instances.json", """{"Instances": [ {"InstanceArn": "arn:aws:sso:::instance/ssoins-x" """);

        var snapshot = AccountSnapshot.LoadFromDirectory(copy.Path);
        var found = await snapshot.FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("sso-admin-list-instances.json", found.Error!.Message, StringComparison.Ordinal);
        Assert.EndsWith("sso-admin-list-instances.json", found.Error.Location, StringComparison.Ordinal);
        Assert.Contains(snapshot.Problems, p => p.Location == found.Error.Location);

        // The investigation still runs and says why the ARNs are placeholders.
        var report = await InvestigateAsync(copy.Path);
        Assert.Contains("placeholders. sso-admin-list-instances.json", report.Fix!.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindPermissionSet_MissingShape_UnreadableNamingFileAndJsonPath()
    {
        using var copy = TempFolder.CopyOfSample(Sample, without: null);
        copy.Write("sso-admin-describe-permission-set-DataEngineer.json", """{"PermissionSet": {"Name": "DataEngineer"}}""");

        var found = await AccountSnapshot.LoadFromDirectory(copy.Path).FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Equal("$.PermissionSet", found.Error!.JsonPath);
        Assert.EndsWith("sso-admin-describe-permission-set-DataEngineer.json", found.Error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindPermissionSet_NameNotAmongEveryListedSet_NotFoundNamingTheInstance()
    {
        var found = await AccountSnapshot.LoadFromDirectory(SampleAccounts.Folder(Sample)).FindPermissionSetAsync("Analyst");

        Assert.Equal(SourceResultStatus.NotFound, found.Status);
        Assert.Equal($"permission set Analyst in instance {Instance}", found.NotFoundSubject);
    }

    [Fact]
    public async Task FindPermissionSet_NameMissingWithoutTheList_UnreadableNotNotFound()
    {
        using var copy = TempFolder.CopyOfSample(Sample, without: "sso-admin-list-permission-sets");

        var found = await AccountSnapshot.LoadFromDirectory(copy.Path).FindPermissionSetAsync("Analyst");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("cannot say it does not exist", found.Error!.Message, StringComparison.Ordinal);
        // The described set is still found without the list.
        Assert.Equal(new IdentityCenterPermissionSet("DataEngineer", Instance, PermissionSet), (await AccountSnapshot.LoadFromDirectory(copy.Path).FindPermissionSetAsync("DataEngineer")).Value);
    }

    [Fact]
    public async Task FindPermissionSet_ListedSetLeftUndescribed_Unreadable()
    {
        using var copy = TempFolder.CopyOfSample(Sample, without: null);
        copy.Write("sso-admin-list-permission-sets.json", $$"""{"PermissionSets": ["{{PermissionSet}}", "arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-0000000000000000"]}""");

        var found = await AccountSnapshot.LoadFromDirectory(copy.Path).FindPermissionSetAsync("Analyst");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("ps-0000000000000000", found.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_IdentityCenterDenied_PlaceholdersNamingThePermissionAndTheAccount()
    {
        var reader = Substitute.For<IIdentityCenterReader>();
        reader.FindPermissionSetAsync("DataEngineer", "ap-northeast-1", Arg.Any<CancellationToken>()).Returns(SourceResult.Unreadable<IdentityCenterPermissionSet>(
            "AccessDeniedException", "sso:ListInstances", "Reading IAM Identity Center permission set DataEngineer in ap-northeast-1 was denied: the investigating credentials lack sso:ListInstances."));

        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), services => services.AddSingleton(reader));

        Assert.Contains("--instance-arn <sso-instance-arn: aws sso-admin list-instances>", report.Fix!.Command, StringComparison.Ordinal);
        Assert.Contains("sso:ListInstances is needed in account 123456789012", report.Fix.Rationale, StringComparison.Ordinal);
        Assert.Null(report.Fix.Target.Arn);
    }

    [Fact]
    public async Task Investigate_NoPermissionSetOfThatName_PlaceholdersSayingNoneInTheInstance()
    {
        var reader = Substitute.For<IIdentityCenterReader>();
        reader.FindPermissionSetAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SourceResult.NotFound<IdentityCenterPermissionSet>($"permission set DataEngineer in instance {Instance}"));

        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), services => services.AddSingleton(reader));

        Assert.Contains($"No permission set DataEngineer in instance {Instance} was found, so the instance and permission set ARNs are placeholders", report.Fix!.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPassRoleDiagnostics_NoSource_IdentityCenterReaderAnswersUnreadableWithTheReason()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics();
        await using var provider = services.BuildServiceProvider();

        var found = await provider.GetRequiredService<IIdentityCenterReader>().FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("no account source is configured", found.Error!.Message, StringComparison.Ordinal);
    }

    private static async Task<PassRoleReport> InvestigateAsync(string folder, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        configure?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        var error = await File.ReadAllTextAsync(Path.Combine(folder, "error.txt"));
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(error));
    }
}
