using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

/// <summary>
/// The live IAM Identity Center reader on canned sso-admin answers. The protocol facts are the service model's
/// (botocore sso-admin 2020-07-20 metadata: JSON 1.1, targetPrefix SWBExternalService, signingName and endpointPrefix
/// sso, regional); the shapes are the IAM Identity Center API Reference's (ListInstances, ListPermissionSets,
/// https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSets.html, DescribePermissionSet).
/// </summary>
public sealed class LiveIdentityCenterReaderTests
{
    private const string Instance = "arn:aws:sso:::instance/ssoins-1111111111111111";
    private const string Analyst = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa";
    private const string DataEngineer = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb";

    private static LoopbackResponse IdentityCenter(LoopbackRequest request) => request.Operation switch
    {
        "ListInstances" => LoopbackResponse.Json($$"""{"Instances":[{"InstanceArn":"{{Instance}}","IdentityStoreId":"d-1234567890","OwnerAccountId":"999988887777","Status":"ACTIVE"}]}"""),

        // Two pages, to prove NextToken is followed.
        "ListPermissionSets" when !request.Body.Contains("NextToken", StringComparison.Ordinal) => LoopbackResponse.Json($$"""{"PermissionSets":["{{Analyst}}"],"NextToken":"page2"}"""),
        "ListPermissionSets" => LoopbackResponse.Json($$"""{"PermissionSets":["{{DataEngineer}}"]}"""),
        _ => LoopbackResponse.Json(request.Body.Contains(DataEngineer, StringComparison.Ordinal)
            ? $$$"""{"PermissionSet":{"Name":"DataEngineer","PermissionSetArn":"{{{DataEngineer}}}","SessionDuration":"PT8H"}}"""
            : $$$"""{"PermissionSet":{"Name":"Analyst","PermissionSetArn":"{{{Analyst}}}"}}"""),
    };

    private static LiveIdentityCenterReader Reader(LoopbackAwsServer server, PassRoleDiagnosticsAwsOptions? options = null) =>
        new(server.SsoAdminGate(options), NullLogger<LiveIdentityCenterReader>.Instance);

    [Fact]
    public async Task FindPermissionSetAsync_NameOnSecondPage_FoundWithBothArnsSignedForTheRoleRegion()
    {
        using var server = new LoopbackAwsServer(IdentityCenter);

        var found = await Reader(server).FindPermissionSetAsync("DataEngineer", "ap-northeast-1");

        Assert.Equal(new IdentityCenterPermissionSet("DataEngineer", Instance, DataEngineer), found.Value);
        Assert.Equal(["ListInstances", "ListPermissionSets", "ListPermissionSets"], server.Operations.Take(3));
        Assert.All(server.Requests, r => Assert.StartsWith("SWBExternalService.", r.Target, StringComparison.Ordinal));
        // Identity Center lives in one Region: every call is signed for the Region in the role's path, not the client's.
        Assert.All(server.Requests, r => Assert.EndsWith("/ap-northeast-1/sso/aws4_request", r.Scope, StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
    }

    [Fact]
    public async Task FindPermissionSetAsync_NoSuchName_NotFoundNamingTheInstance()
    {
        using var server = new LoopbackAwsServer(IdentityCenter);

        var found = await Reader(server).FindPermissionSetAsync("Auditor", "ap-northeast-1");

        Assert.Equal(SourceResultStatus.NotFound, found.Status);
        Assert.Equal($"permission set Auditor in instance {Instance} in ap-northeast-1", found.NotFoundSubject);
    }

    [Fact]
    public async Task FindPermissionSetAsync_NoInstance_NotFound()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("""{"Instances":[]}"""));

        var found = await Reader(server).FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.NotFound, found.Status);
        Assert.StartsWith("IAM Identity Center instance", found.NotFoundSubject, StringComparison.Ordinal);
    }

    // A member account's credentials: Identity Center answers AccessDeniedException (IAM Identity Center API Reference,
    // ListInstances errors). Unknown, never "none", and the permission that would read it is named.
    [Theory]
    [InlineData("ListInstances", "sso:ListInstances")]
    [InlineData("ListPermissionSets", "sso:ListPermissionSets")]
    [InlineData("DescribePermissionSet", "sso:DescribePermissionSet")]
    public async Task FindPermissionSetAsync_AccessDenied_UnreadableNamingThePermission(string deniedOperation, string permission)
    {
        using var server = new LoopbackAwsServer(request => request.Operation == deniedOperation
            ? LoopbackResponse.JsonError(400, "AccessDeniedException", "User is not authorized to perform this action.")
            : IdentityCenter(request));

        var found = await Reader(server).FindPermissionSetAsync("DataEngineer", "ap-northeast-1");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Equal(permission, found.Error!.MissingPermission);
        Assert.Equal("AccessDeniedException", found.Error.ErrorCode);
        Assert.Contains($"lack {permission}", found.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindPermissionSetAsync_EndpointNeverAnswersInTime_UnreadableNamingTheCallAndTimeout()
    {
        using var server = new LoopbackAwsServer(IdentityCenter, latency: TimeSpan.FromSeconds(3));

        var found = await Reader(server, new PassRoleDiagnosticsAwsOptions { CallTimeout = TimeSpan.FromMilliseconds(300) }).FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("sso:ListInstances timed out after 0.3 s", found.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindPermissionSetAsync_ResponseWithoutThePermissionSet_UnreadableMalformed()
    {
        using var server = new LoopbackAwsServer(request => request.Operation == "DescribePermissionSet" ? LoopbackResponse.Json("{}") : IdentityCenter(request));

        var found = await Reader(server).FindPermissionSetAsync("DataEngineer");

        Assert.Equal(SourceResultStatus.Unreadable, found.Status);
        Assert.Contains("sso:DescribePermissionSet response could not be read: it has no PermissionSet", found.Error!.Message, StringComparison.Ordinal);
    }
}
