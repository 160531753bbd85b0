using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

public sealed class LiveOrganizationsReaderTests
{
    private const string FullAccess = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}""";

    private static LoopbackResponse Organization(LoopbackRequest request)
    {
        if (request.Operation == "ListParents")
        {
            return LoopbackResponse.Json(request.Body.Contains("111122223333", StringComparison.Ordinal)
                ? """{"Parents":[{"Id":"ou-ab12-11111111","Type":"ORGANIZATIONAL_UNIT"}]}"""
                : """{"Parents":[{"Id":"r-ab12","Type":"ROOT"}]}""");
        }

        if (request.Operation == "ListPoliciesForTarget")
        {
            // Two pages on the OU to prove NextToken is followed.
            if (request.Body.Contains("ou-ab12", StringComparison.Ordinal) && !request.Body.Contains("NextToken", StringComparison.Ordinal))
            {
                return LoopbackResponse.Json("""{"Policies":[{"Id":"p-full"}],"NextToken":"t2"}""");
            }

            return LoopbackResponse.Json(request.Body.Contains("ou-ab12", StringComparison.Ordinal)
                ? """{"Policies":[{"Id":"p-deny"}]}"""
                : """{"Policies":[{"Id":"p-full"}]}""");
        }

        var id = request.Body.Contains("p-deny", StringComparison.Ordinal) ? "p-deny" : "p-full";
        return LoopbackResponse.Json($$$"""{"Policy":{"PolicySummary":{"Id":"{{{id}}}","Arn":"arn:aws:organizations::999:policy/o-x/service_control_policy/{{{id}}}","Name":"{{{id}}}"},"Content":"{{{FullAccess}}}"}}""");
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_AccountUnderOu_ReturnsLevelsRootFirst()
    {
        using var server = new LoopbackAwsServer(Organization);
        var reader = new LiveOrganizationsReader(server.OrganizationsGate(), NullLogger<LiveOrganizationsReader>.Instance);

        var levels = await reader.GetServiceControlPoliciesAsync("111122223333");

        Assert.True(levels.IsFound, levels.ToString());
        Assert.Equal(
            [(OrganizationTargetKind.Root, "r-ab12"), (OrganizationTargetKind.OrganizationalUnit, "ou-ab12-11111111"), (OrganizationTargetKind.Account, "111122223333")],
            levels.Value!.Select(l => (l.Kind, l.TargetId)));
        Assert.Equal(["p-full", "p-deny"], levels.Value[1].Policies.Select(p => p.Name));
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_NotInOrganization_ReturnsNotFound()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.JsonError(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization."));

        var levels = await new LiveOrganizationsReader(server.OrganizationsGate(), NullLogger<LiveOrganizationsReader>.Instance).GetServiceControlPoliciesAsync("111122223333");

        Assert.Equal(SourceResultStatus.NotFound, levels.Status);
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_MemberAccountDenied_ReturnsUnreadableNamingListParents()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.JsonError(400, "AccessDeniedException", "You don't have permissions to access this resource."));

        var levels = await new LiveOrganizationsReader(server.OrganizationsGate(), NullLogger<LiveOrganizationsReader>.Instance).GetServiceControlPoliciesAsync("111122223333");

        Assert.Equal(SourceResultStatus.Unreadable, levels.Status);
        Assert.Equal("organizations:ListParents", levels.Error!.MissingPermission);
    }
}
