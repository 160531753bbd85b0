using System.Diagnostics;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Faults;

/// <summary>
/// One circuit per endpoint per run: after a read to an endpoint times out or cannot connect, the other reads to it fail at
/// once with the same reason, so a run against an endpoint that never answers costs one timeout, not one per read. An
/// answered error (AccessDenied) is an answer and opens nothing. The deterministic check is the number of requests the
/// endpoint received; wall-clock bounds are loose upper bounds only.
/// </summary>
public sealed class EndpointCircuitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);

    private static readonly PassRoleInvestigationRequest Request = PassRoleInvestigationRequest.FromError("""
        User: arn:aws:iam::123456789012:user/dana is not authorized to perform: iam:PassRole
        on resource: arn:aws:iam::123456789012:role/etl-runtime
        because no identity-based policy allows the iam:PassRole action
        """) with { GlueJobName = "nightly-orders-etl" };

    /// <summary>
    /// The SDK's first calls in a process (loading, JIT) can take longer than the short call timeout before a request is
    /// even written; warmed up, the stalled endpoint receives the request it then waits on.
    /// </summary>
    private static readonly Lazy<Task> WarmUp = new(async () =>
    {
        using var server = new FaultyAwsServer(_ => FaultPlan.Respond(403, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>warm-up</Message></Error></ErrorResponse>"));
        using var provider = Live(server.Url, TimeSpan.FromSeconds(30), readAhead: false);
        await provider.GetRequiredService<IAccountIdentitySource>().GetCallerIdentityAsync();
        await provider.GetRequiredService<IIamReader>().GetRoleAsync("warm-up");
        await provider.GetRequiredService<IGlueReader>().GetResourceAsync(GlueResourceKind.Job, "warm-up");
        await provider.GetRequiredService<IOrganizationsReader>().GetServiceControlPoliciesAsync("123456789012");
    });

    [Fact]
    public async Task Investigate_EndpointNeverAnswers_AsksItOnceAndNamesEveryUnreadPart()
    {
        await WarmUp.Value;
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        using var provider = Live(server.Url);
        var watch = Stopwatch.StartNew();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(Request);

        watch.Stop();
        output.WriteLine($"{watch.ElapsedMilliseconds} ms, requests: {string.Join(", ", server.Requests.Select(r => r.Operation))}");
        Assert.Equal(["GetCallerIdentity"], server.Requests.Select(r => r.Operation)); // the one read that waited
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // was 6 call timeouts in a row
        Assert.Equal(Policies.Evaluation.Decision.Unknown, report.Decision);

        var port = new Uri(server.Url).Port;
        var sameReason = $"because sts:GetCallerIdentity to the same endpoint (127.0.0.1:{port}) timed out after 1 s.";
        var unreadable = report.Findings.Where(f => f.Code == FindingCodes.UnreadableData).Select(f => f.Message).ToList();
        Assert.Contains(unreadable, m => m.Contains("sts:GetCallerIdentity timed out after 1 s.", StringComparison.Ordinal));
        Assert.Contains(unreadable, m => m.Contains("glue:GetJob was not sent " + sameReason, StringComparison.Ordinal));
        Assert.Contains(unreadable, m => m.Contains("iam:GetRole was not sent " + sameReason, StringComparison.Ordinal));
        Assert.Equal(
            ["permissions boundary of user dana", "inline policies of user dana", "managed policies attached to user dana", "groups of user dana", "service control policies of account 123456789012"],
            report.Unread.Select(g => g.Subject));
        Assert.All(report.Unread, g => Assert.Contains("was not sent " + sameReason, g.Error.Message, StringComparison.Ordinal));
        Assert.All(report.Unread, g => Assert.Null(g.Error.MissingPermission)); // not a permission problem
    }

    [Fact]
    public async Task Audit_EndpointNeverAnswers_AsksItOnceAndNamesEveryUnreadPart()
    {
        await WarmUp.Value;
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        using var provider = Live(server.Url);
        var watch = Stopwatch.StartNew();

        var report = await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync();

        watch.Stop();
        output.WriteLine($"{watch.ElapsedMilliseconds} ms, requests: {string.Join(", ", server.Requests.Select(r => r.Operation))}");
        Assert.Equal(["ListUsers"], server.Requests.Select(r => r.Operation));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        var port = new Uri(server.Url).Port;
        Assert.Collection(
            report.Unknowns,
            users => Assert.Equal(("the account's IAM users", "Reading the account's IAM users failed: iam:ListUsers timed out after 1 s. (iam:ListUsers)"), (users.Subject, users.Reason)),
            roles => Assert.Equal(
                ("the account's IAM roles", $"Reading the account's IAM roles failed: iam:ListRoles was not sent because iam:ListUsers to the same endpoint (127.0.0.1:{port}) timed out after 1 s. (iam:ListRoles)"),
                (roles.Subject, roles.Reason)));
    }

    [Fact]
    public async Task Reads_EndpointAnswersAccessDenied_EveryReadIsSent()
    {
        // An answer, however unwelcome, says the endpoint is there: each read asks and names its own missing permission.
        using var server = new FaultyAwsServer(request => FaultPlan.Respond(
            403,
            $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: iam:{request.Operation}</Message></Error><RequestId>r1</RequestId></ErrorResponse>"));
        using var provider = Live(server.Url, readAhead: false);
        var iam = provider.GetRequiredService<IIamReader>();

        var role = await iam.GetRoleAsync("etl-runtime");
        var user = await iam.GetUserAsync("dana");
        var groups = await iam.ListGroupsForUserAsync("dana");

        Assert.Equal(["GetRole", "GetUser", "ListGroupsForUser"], server.Requests.Select(r => r.Operation));
        Assert.Equal(["iam:GetRole", "iam:GetUser", "iam:ListGroupsForUser"], new[] { role.Error, user.Error, groups.Error }.Select(e => e!.MissingPermission));
    }

    [Fact]
    public async Task Reads_ConnectionResetAfterTheRequest_EveryReadIsSent()
    {
        // The endpoint took the connection and the request: a reset is a broken answer, not an absent endpoint.
        using var server = new FaultyAwsServer(_ => FaultPlan.Reset);
        using var provider = Live(server.Url, readAhead: false);
        var iam = provider.GetRequiredService<IIamReader>();

        await iam.GetRoleAsync("etl-runtime");
        var user = await iam.GetUserAsync("dana");

        // Counted by the gate: after a reset .NET reconnects on its own, so the server's count says little.
        Assert.Equal(2, provider.GetRequiredService<AwsCallGate<IamClient>>().CallCount);
        Assert.StartsWith("Reading user dana failed: iam:GetUser could not reach AWS: ", user.Error!.Message, StringComparison.Ordinal); // reset, or broken pipe
    }

    [Fact]
    public async Task Reads_ConnectionRefused_LaterReadsFailAtOnceWithTheSameReason()
    {
        var port = LoopbackAwsServer.FreePort(); // nothing listens there
        using var provider = Live($"http://127.0.0.1:{port}/", readAhead: false);
        var iam = provider.GetRequiredService<IIamReader>();

        var role = await iam.GetRoleAsync("etl-runtime");
        var identity = await provider.GetRequiredService<IAccountIdentitySource>().GetCallerIdentityAsync();

        Assert.Contains($"iam:GetRole could not reach AWS: Connection refused (127.0.0.1:{port})", role.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(
            $"Reading the caller identity failed: sts:GetCallerIdentity was not sent because iam:GetRole could not reach the same endpoint (127.0.0.1:{port}): Connection refused (127.0.0.1:{port}).",
            identity.Error!.Message);
    }

    [Fact]
    public async Task Runs_TwoContainersAgainstOneStalledEndpoint_EachAsksOnce()
    {
        await WarmUp.Value;
        // The circuit belongs to the run's container, not to the process: a second run asks again.
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);

        foreach (var run in new[] { 1, 2 })
        {
            using var provider = Live(server.Url, readAhead: false);
            var iam = provider.GetRequiredService<IIamReader>();
            await iam.GetRoleAsync("etl-runtime");
            await iam.GetUserAsync("dana");
            Assert.Equal(run, server.Requests.Count);
        }
    }

    [Fact]
    public async Task Reads_InFlightWhenTheEndpointTimesOut_AreGivenUpWithTheSameReason()
    {
        await WarmUp.Value;
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        using var provider = Live(server.Url, TimeSpan.FromSeconds(2), readAhead: false);
        var iam = provider.GetRequiredService<IIamReader>();
        var watch = Stopwatch.StartNew();

        var first = iam.GetRoleAsync("etl-runtime").AsTask();
        await WaitForAsync(() => server.Requests.Count == 1);
        await Task.Delay(500);
        var second = iam.GetGroupAsync("developers").AsTask();
        await WaitForAsync(() => server.Requests.Count == 2);
        await first;
        var given = (await second).Error;

        // The second read ends with the first, not its own timeout later.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.4), $"took {watch.Elapsed}");
        Assert.Contains(
            $"iam:GetGroup was given up because iam:GetRole to the same endpoint (127.0.0.1:{new Uri(server.Url).Port}) timed out after 2 s.",
            given!.Message,
            StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(until.Elapsed < TimeSpan.FromSeconds(10), "the server did not receive the request");
            await Task.Delay(20);
        }
    }

    /// <summary>The library composed as a host does, every client sent to <paramref name="url"/>; without read-ahead, one read is one request.</summary>
    private static ServiceProvider Live(string url, TimeSpan? callTimeout = null, bool readAhead = true)
    {
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(LoopbackAwsServer.AccessKey, LoopbackAwsServer.SecretKey), Region = Amazon.RegionEndpoint.USEast1 };
        aws.DefaultClientConfig.ServiceURL = url;
        aws.DefaultClientConfig.MaxErrorRetry = 0;
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseAws(o => (o.Aws, o.CallTimeout, o.ReadAhead) = (aws, callTimeout ?? CallTimeout, readAhead));
        return services.BuildServiceProvider();
    }
}
