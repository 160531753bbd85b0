using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 4: valid templates that were rejected. <c>Transform: AWS::LanguageExtensions</c> with
/// <c>Fn::ForEach</c> (CloudFormation User Guide, "Fn::ForEach":
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html),
/// and JSON templates with a trailing comma, which CloudFormation and cfn-lint accept.
/// </summary>
public sealed class LanguageExtensionsTests
{
    private static IacAccount Load(params (string Key, string Value)[] parameters) => IacAccount.Load(new IacSourceOptions
    {
        Templates = [IacSamples.TestTemplate("foreach-glue-roles.yaml")],
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
    });

    [Fact]
    public async Task Load_ForEachOverParameterDefault_OneRoleAndJobPerItem()
    {
        var account = Load();

        Assert.Contains("glue-raw-etl", account.RoleNames);
        Assert.Contains("glue-curated-etl", account.RoleNames);
        var job = (await account.GetResourceAsync(GlueResourceKind.Job, "curated-etl")).Value!;
        Assert.Equal("arn:aws:iam::123456789012:role/glue-curated-etl", job.Role);
        Assert.Equal("glue-raw-etl", (await account.GetRoleAsync("GlueRoleraw")).Value!.Name);
    }

    [Fact]
    public void Load_ForEachOverLiteralList_AmpersandDropsNonAlphanumerics()
    {
        var account = Load();

        Assert.Equal(["alice", "bob.smith"], account.UserNames.Order(StringComparer.Ordinal));
        Assert.Equal("Userbobsmith", account.OriginOf(IamEntityKind.User, "bob.smith")!.Resource);
    }

    [Fact]
    public void Load_ForEachOverParameterWithoutValue_ItsResourcesAreUnknown()
    {
        var account = Load();

        var unknown = Assert.Single(account.Unknowns, u => u.Origin.Resource == "Fn::ForEach::TeamRoles");
        Assert.Contains("parameter Teams", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("TeamRole&{Team}", unknown.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(account.RoleNames, r => r.Contains("TeamRole", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ForEachOverGivenParameter_UsesTheGivenList()
    {
        var account = Load(("Teams", "finance, sales"), ("Zones", "raw"));

        Assert.Equal(
            ["foreach-glue-roles-TeamRolefinance-GENERATED", "foreach-glue-roles-TeamRolesales-GENERATED", "glue-raw-etl"],
            account.RoleNames.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(account.Unknowns, u => u.Origin.Resource.StartsWith("Fn::ForEach", StringComparison.Ordinal));
    }

    [Fact]
    public void FromTemplate_JsonWithTrailingComma_Loads()
    {
        var file = IacSamples.Write("""
            {
              "Resources": {
                "Ops": {"Type": "AWS::IAM::Group", "Properties": {"GroupName": "ops",},},
              },
            }
            """, ".json");

        var account = IacAccount.FromTemplate(file);

        Assert.Equal(["ops"], account.GroupNames);
    }
}
