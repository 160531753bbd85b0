using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 12: SAM and nested stacks. A function with no Role gets the role SAM generates (AWS SAM Developer
/// Guide, "AWS::Serverless::Function" Policies, and "Generated AWS CloudFormation resources for AWS SAM":
/// <c>&lt;function-LogicalId&gt;Role</c> with AWSLambdaBasicExecutionRole); nested stacks whose template is local are read.
/// </summary>
public sealed class ServerlessTests
{
    private const string Stack = "arn:aws:iam::123456789012:role/sam-functions-StartJobFunctionRole-GENERATED";

    private static IacAccount Load() => IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.TestTemplate("sam-functions.yaml")] });

    [Fact]
    public async Task Load_FunctionWithoutRole_GeneratedRoleWithBasicExecutionAndItsPolicies()
    {
        var account = Load();

        var role = (await account.GetRoleAsync("StartJobFunctionRole")).Value!;
        Assert.Equal(Stack, role.Arn);
        Assert.Equal("lambda.amazonaws.com", role.TrustPolicy.Value!.Statements[0].Principal!.Entries[0].Values[0]);
        var attached = (await account.GetAttachedPoliciesAsync(IamEntityKind.Role, role.Name)).Value!;
        Assert.Equal(
            ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"],
            attached.Select(a => a.Arn));
        Assert.Equal(2, account.RoleNames.Count());
        Assert.Contains(account.Notes, n => n.Contains("StartJobFunctionRole", StringComparison.Ordinal) && n.Contains("SAM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_GeneratedRole_InlineStatementAllowsUnexpandedPolicyTemplateLeavesItUnknown()
    {
        var account = Load();

        var toGlue = await IacPassRole.CheckAsync(account, Stack, "sam-glue-job");

        // The inline statement allows it, but the function's SAM policy template (S3ReadPolicy) is not expanded: a statement
        // whose actions are not known could deny iam:PassRole, so the verdict stays unknown, not allowed.
        Assert.Equal(Decision.Unknown, toGlue.Decision);
        Assert.Contains(toGlue.Gaps, g => g.Error.Message.Contains("SAM policy template S3ReadPolicy", StringComparison.Ordinal));
        Assert.Contains("Allow statement #0 of inline policy StartJobFunctionRolePolicy0", toGlue.Explanation, StringComparison.Ordinal);
        Assert.Contains(toGlue.Origins, o => o.Contains("sam-functions.yaml:14 (StartJobFunctionRole.Policies[0])", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_SamPolicyTemplate_ItsStatementIsUnknownNotDropped()
    {
        var account = Load();

        var inline = (await account.GetInlinePoliciesAsync(IamEntityKind.Role, "sam-functions-StartJobFunctionRole-GENERATED")).Value!;

        var template = Assert.Single(inline, p => p.Name == "StartJobFunctionRolePolicy1");
        var statement = Assert.Single(template.UnknownStatements);
        Assert.Contains("SAM policy template S3ReadPolicy", statement.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ExplicitRoleFunctionRole", account.Unknowns.Select(u => u.Origin.Resource));
    }
}
