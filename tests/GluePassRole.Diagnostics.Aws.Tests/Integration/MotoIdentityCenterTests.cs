using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>A moto of its own holding an IAM Identity Center caller's account and its permission sets, built with the AWS CLI.</summary>
public sealed class MotoIdentityCenterFixture : MotoFixtureBase
{
    public string InstanceArn { get; private set; } = string.Empty;

    public string PermissionSetArn { get; private set; } = string.Empty;

    // The script resets moto: never on a server other tests share.
    protected override bool SharesEndpoint => false;

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, output, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-identity-center.sh"), endpoint]);
        var arns = output.Split((char[])['\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (code != 0 || arns.Length < 2)
        {
            SkipReason = $"Building the Identity Center account in moto failed (is the AWS CLI installed?): {error.Trim()}";
            return;
        }

        (InstanceArn, PermissionSetArn) = (arns[0], arns[1]);
    }
}

/// <summary>
/// The live Identity Center reader against moto (which serves sso-admin ListInstances, ListPermissionSets and
/// DescribePermissionSet), and the whole live investigation of an <c>AWSReservedSSO_*</c> caller naming the real ARNs.
/// </summary>
public sealed class MotoIdentityCenterTests(MotoIdentityCenterFixture moto) : IClassFixture<MotoIdentityCenterFixture>
{
    private AWSOptions Aws()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOSSO", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;
        return aws;
    }

    [SkippableFact]
    public async Task FindPermissionSetAsync_CreatedWithTheCli_FoundWithTheInstanceAndPermissionSetArns()
    {
        using var live = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = Aws()).BuildServiceProvider();

        var found = await live.GetRequiredService<IIdentityCenterReader>().FindPermissionSetAsync("DataEngineer", "ap-northeast-1");

        Assert.Equal(new IdentityCenterPermissionSet("DataEngineer", moto.InstanceArn, moto.PermissionSetArn), found.Value);
    }

    // moto keeps one Identity Center per Region, as AWS does: asked in another Region, the reader meets that Region's
    // instance, which has no such permission set. The request's Region, not the client's, decides.
    [SkippableFact]
    public async Task FindPermissionSetAsync_OtherRegion_NotFoundNamingThatRegionsInstance()
    {
        using var live = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = Aws()).BuildServiceProvider();

        var found = await live.GetRequiredService<IIdentityCenterReader>().FindPermissionSetAsync("DataEngineer", "eu-west-1");

        Assert.Equal(SourceResultStatus.NotFound, found.Status);
        Assert.StartsWith("permission set DataEngineer in instance arn:aws:sso:::instance/", found.NotFoundSubject, StringComparison.Ordinal);
        Assert.DoesNotContain(moto.InstanceArn, found.NotFoundSubject, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task InvestigateAsync_LiveIdentityCenterCaller_FixNamesTheRealArns()
    {
        var aws = Aws();
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseAws(o => o.Aws = aws);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(
            "An error occurred (AccessDeniedException) when calling the UpdateJob operation: User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataEngineer_0123456789abcdef/dana "
            + "is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/etl-runtime because no identity-based policy allows the iam:PassRole action"));

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.PermissionSet, "DataEngineer") { Arn = moto.PermissionSetArn }, fix.Target);
        Assert.StartsWith(
            $"aws sso-admin put-inline-policy-to-permission-set --region ap-northeast-1 --instance-arn {moto.InstanceArn} --permission-set-arn {moto.PermissionSetArn} --inline-policy",
            fix.Command,
            StringComparison.Ordinal);
    }
}
