using System.Collections.Frozen;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal.Protocol;

public sealed class ReadOnlyOperationsTests
{
    public static TheoryData<string, string> AllOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (service, set) in new[] { ("IAM", ReadOnlyOperations.Iam), ("Glue", ReadOnlyOperations.Glue), ("Organizations", ReadOnlyOperations.Organizations), ("SSO Admin", ReadOnlyOperations.SsoAdmin) })
        {
            foreach (var operation in set)
            {
                data.Add(service, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void AllowList_EveryOperation_IsARead(string service, string operation)
    {
        Assert.True(
            operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
                || operation.StartsWith("Describe", StringComparison.Ordinal) || operation == "SimulatePrincipalPolicy",
            $"{service} {operation} is not a read");
    }

    [Fact]
    public void AllowList_Sizes_AreExactlyTheOperationsTheSourcesUse() =>
        Assert.Equal((19, 11, 3, 3), (ReadOnlyOperations.Iam.Count, ReadOnlyOperations.Glue.Count, ReadOnlyOperations.Organizations.Count, ReadOnlyOperations.SsoAdmin.Count));

    [Theory]
    [InlineData("AttachGroupPolicy")]
    [InlineData("PutGroupPolicy")]
    [InlineData("CreatePolicyVersion")]
    [InlineData("UpdateAssumeRolePolicy")]
    public async Task IamClient_WriteAction_IsRefusedBeforeAnyRequest(string action)
    {
        using var server = new LoopbackAwsServer(_ => FakeIamAccount.Ok(action, string.Empty));
        using var client = server.CreateIamClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CallAsync(new QueryRequest(action), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("UpdateJob")]
    [InlineData("CreateJob")]
    [InlineData("DeleteJob")]
    [InlineData("UpdateCrawler")]
    [InlineData("CreateDevEndpoint")]
    [InlineData("DeleteSession")]
    public async Task GlueClient_WriteOperation_IsRefusedBeforeAnyRequest(string operation)
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("{}"));
        using var client = server.CreateGlueClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CallAsync(new JsonRequest(operation, "{}"u8.ToArray()), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task OrganizationsClient_WriteOperation_IsRefusedBeforeAnyRequest()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("{}"));
        using var client = server.CreateOrganizationsClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CallAsync(new JsonRequest("AttachPolicy", "{}"u8.ToArray()), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    // The permission-set fix's own writes: the tool prints them, never sends them.
    [Theory]
    [InlineData("PutInlinePolicyToPermissionSet")]
    [InlineData("ProvisionPermissionSet")]
    [InlineData("CreatePermissionSet")]
    public async Task SsoAdminClient_WriteOperation_IsRefusedBeforeAnyRequest(string operation)
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("{}"));
        using var client = server.CreateSsoAdminClient();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CallAsync(new JsonRequest(operation, "{}"u8.ToArray()), CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Ensure_UnknownOperation_Throws() =>
        Assert.Throws<InvalidOperationException>(() => ReadOnlyOperations.Ensure(FrozenSet<string>.Empty, "IAM", "GetUser"));
}
