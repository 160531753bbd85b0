using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// The intrinsic functions resolved offline, one template each (CloudFormation Template Reference, "Intrinsic function
/// reference": Fn::Select, Fn::Split, Fn::Join, Fn::If, Fn::FindInMap, Fn::Base64, Fn::GetAZs, AWS::NoValue).
/// </summary>
public sealed class IntrinsicFunctionTests
{
    private static async Task<SourceResult<IamRole>> RoleNamedAsync(string roleNameYaml, string extra = "")
    {
        var template = IacSamples.Write($$"""
            Parameters:
              Names:
                Type: CommaDelimitedList
                Default: "alpha,beta,gamma"
              Unset:
                Type: String
            Conditions:
              UnsetIsX: !Equals [!Ref Unset, x]
            {{extra}}
            Resources:
              R:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: {{roleNameYaml}}
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
            """);
        var account = IacAccount.FromTemplate(template);
        return await account.GetRoleAsync("R");
    }

    [Theory]
    [InlineData("!Select [1, !Ref Names]", "beta")]
    [InlineData("!Select [2, !Split [\"-\", \"a-b-c\"]]", "c")]
    [InlineData("!Join [\"-\", [!Ref AWS::Region, !Ref AWS::Partition, !Ref AWS::AccountId]]", "us-east-1-aws-123456789012")]
    [InlineData("!Sub \"${AWS::Region}-${!Literal}\"", "us-east-1-${Literal}")]
    [InlineData("!If [UnsetIsX, same, same]", "same")]
    [InlineData("!FindInMap [M, top, second]", "found")]
    public async Task Resolve_Function_GivesTheValue(string expression, string expected)
    {
        var role = await RoleNamedAsync(expression, "Mappings:\n  M:\n    top:\n      second: found");

        Assert.Equal(expected, role.Value!.Name);
    }

    [Theory]
    [InlineData("!If [UnsetIsX, a, b]", "Unset has no value")]
    [InlineData("!Select [0, !GetAZs \"\"]", "Availability Zones")]
    [InlineData("!ImportValue other-stack-role-name", "Fn::ImportValue other-stack-role-name")]
    public async Task Resolve_UnknownName_EntityStandsInUnderItsLogicalIdAndIsReported(string expression, string reason)
    {
        var template = IacSamples.Write($$"""
            Parameters:
              Unset:
                Type: String
            Conditions:
              UnsetIsX: !Equals [!Ref Unset, x]
            Resources:
              R:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: {{expression}}
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
            """);

        var account = IacAccount.FromTemplate(template);

        var unknown = Assert.Single(account.Unknowns);
        Assert.Contains(reason, unknown.Reason, StringComparison.Ordinal);
        Assert.Equal(("R", "RoleName", 10), (unknown.Origin.Resource, unknown.Origin.Property, unknown.Origin.Line));

        // The role is the template's own (issue 18, item 1): it stands in as STACK-R-UNKNOWN, found by its logical ID.
        Assert.EndsWith("-R-UNKNOWN", (await account.GetRoleAsync("R")).Value!.Name, StringComparison.Ordinal);
        Assert.Contains("stand-in", unknown.Reason, StringComparison.Ordinal);
    }
}
