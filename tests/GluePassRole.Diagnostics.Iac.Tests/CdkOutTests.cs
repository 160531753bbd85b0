using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>samples/iac/cdk/cdk.out: synthesized by aws-cdk-lib 2.276 from app.js (make-cdk-out.sh), JSON with hashed logical IDs and Fn::Join ARNs.</summary>
public sealed class CdkOutTests
{
    private static IacAccount Load() => IacAccount.Load(new IacSourceOptions { CdkOutDirectory = IacSamples.CdkOut });

    [Fact]
    public async Task Load_CdkOut_ReadsStackFromManifestWithGeneratedRoleName()
    {
        var account = Load();

        var job = await account.GetResourceAsync(GlueResourceKind.Job, "nightly-etl");

        Assert.Equal("arn:aws:iam::123456789012:role/GluePlatform-EtlRuntimeB7DEA410-GENERATED", job.Value!.Role);
        Assert.Contains(account.Files, f => f.EndsWith("manifest.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_GrantPassRole_AllowsPassingToAnyService()
    {
        // role.grantPassRole(group) writes iam:PassRole on the role with no iam:PassedToService condition.
        var account = Load();
        var role = account.GlueResources.Single().Role!;

        var toGlue = await IacPassRole.CheckAsync(account, "arn:aws:iam::123456789012:user/dana", role);
        var toEc2 = await IacPassRole.CheckAsync(account, "arn:aws:iam::123456789012:user/dana", role, "ec2.amazonaws.com");

        Assert.Equal(Decision.Allowed, toGlue.Decision);
        Assert.Equal(Decision.Allowed, toEc2.Decision);
    }

    [Fact]
    public void Load_FolderWithoutManifest_TypedError()
    {
        var folder = Directory.CreateTempSubdirectory("cdk-out-");

        var error = Assert.Throws<IacTemplateException>(() => IacAccount.Load(new IacSourceOptions { CdkOutDirectory = folder.FullName }));

        Assert.EndsWith("manifest.json", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NestedStack_ReportedAsUnknown()
    {
        var template = IacSamples.Write("""
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example.com/child.json
            """);

        var account = IacAccount.FromTemplate(template);

        var unknown = Assert.Single(account.Unknowns);
        Assert.Equal("Child", unknown.Origin.Resource);
        Assert.Equal(2, unknown.Origin.Line);
        Assert.Equal(SourceResultStatus.Unreadable, (await account.GetRoleAsync("anything")).Status);
    }
}
