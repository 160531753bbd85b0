using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

public sealed class LiveIamReaderTests(ITestOutputHelper output)
{
    private static LiveIamReader Reader(LoopbackAwsServer server, Action<PassRoleDiagnosticsAwsOptions>? configure = null, int maxErrorRetry = 2, TimeProvider? cacheTime = null)
    {
        var options = new PassRoleDiagnosticsAwsOptions();
        configure?.Invoke(options);
        var gate = new AwsCallGate<Aws.Internal.Protocol.IamClient>(() => server.CreateIamClient(maxErrorRetry), options, TimeProvider.System, NullLogger.Instance);
        return new LiveIamReader(gate, options, cacheTime ?? TimeProvider.System, NullLogger<LiveIamReader>.Instance);
    }

    /// <summary>
    /// A denied read is not remembered for the whole cache duration: rerun after the permission is granted (or the network
    /// recovers) and the role is read again, while a read that succeeded is reused.
    /// </summary>
    [Fact]
    public async Task GetRoleAsync_DeniedThenGranted_ReadsAgainAfterTheFailureRetention()
    {
        var account = Accounts.FieldNote();
        var denied = true;
        account.Override = r => denied && r.Operation == "GetRole" ? LoopbackResponse.IamError(403, "AccessDenied", "not authorized to perform: iam:GetRole") : null;
        using var server = new LoopbackAwsServer(account.Handle);
        var clock = new ManualClock();
        var reader = Reader(server, o => o.ReadAhead = false, cacheTime: clock);

        Assert.Equal(SourceResultStatus.Unreadable, (await reader.GetRoleAsync("etl-runtime")).Status);
        denied = false;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SourceResultStatus.Unreadable, (await reader.GetRoleAsync("etl-runtime")).Status); // same investigation: not asked twice
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(SourceResultStatus.Found, (await reader.GetRoleAsync("etl-runtime")).Status);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(SourceResultStatus.Found, (await reader.GetRoleAsync("etl-runtime")).Status); // a success is reused (2 min)
        Assert.Equal(2, server.Requests.Count(r => r.Operation == "GetRole"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task ResolveAsync_FieldNoteUser_ReturnsGroupPoliciesWithProvenance()
    {
        var account = Accounts.FieldNote();
        using var server = new LoopbackAwsServer(account.Handle);

        var result = await new EffectivePolicyResolver(Reader(server)).ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal(SourceResultStatus.Found, result.PrincipalStatus);
        Assert.Equal("arn:aws:iam::111122223333:user/dana", result.Principal.IamArn);
        var sources = result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name, p.Source.AttachedTo, p.Source.Arn)).ToList();
        Assert.Equal(
            [
                (PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess", "GlueAccess", "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess"),
                (PolicySourceKind.GroupManaged, "Force_MFA", "developers", "arn:aws:iam::111122223333:policy/Force_MFA"),
            ],
            sources);
        Assert.Equal("PassGlueServiceRoles", result.Policies.IdentityPolicies[0].Document.Statements[0].Sid);
        Assert.Single(result.Gaps); // SCPs: no organizations source
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
    }

    [Fact]
    public async Task ListGroupsForUserAsync_OneItemPerPage_FollowsMarkers()
    {
        var account = Accounts.ThreeGroupsSixPolicies();
        account.PageSize = 1;
        using var server = new LoopbackAwsServer(account.Handle);

        var groups = await Reader(server, o => o.ReadAhead = false).ListGroupsForUserAsync("wide");

        Assert.Equal(["group1", "group2", "group3"], groups.Value);
        Assert.Equal(3, server.Operations.Count(o => o == "ListGroupsForUser"));
        Assert.Equal(["0", "1", "2"], server.Requests.Select(r => r.Parameters.GetValueOrDefault("Marker", "0")));
    }

    [Fact]
    public async Task GetRoleAsync_ThrottledTwiceThenOk_RetriesAndFindsRole()
    {
        var account = Accounts.FieldNote();
        var throttles = 0;
        account.Override = r => r.Operation == "GetRole" && Interlocked.Increment(ref throttles) <= 2
            ? LoopbackResponse.IamError(400, "Throttling", "Rate exceeded")
            : null;
        using var server = new LoopbackAwsServer(account.Handle);

        var role = await Reader(server, o => o.ReadAhead = false).GetRoleAsync("etl-runtime");

        Assert.True(role.IsFound, role.ToString());
        Assert.True(role.Value!.TrustPolicy.IsFound);
        var attempts = server.Requests.Where(r => r.Operation == "GetRole").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, r => Assert.True(r.SignatureValid, r.SignatureProblem)); // each retry is signed again
    }

    [Fact]
    public async Task ResolveAsync_ListGroupsForUserDenied_ReportsGapNamingPermission()
    {
        var account = Accounts.FieldNote();
        account.Override = r => r.Operation == "ListGroupsForUser"
            ? LoopbackResponse.IamError(403, "AccessDenied", "User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: iam:ListGroupsForUser")
            : null;
        using var server = new LoopbackAwsServer(account.Handle);

        var result = await new EffectivePolicyResolver(Reader(server)).ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal(SourceResultStatus.Found, result.PrincipalStatus);
        var gap = Assert.Single(result.Gaps, g => g.PolicyType == PolicyType.IdentityBased);
        Assert.Equal("iam:ListGroupsForUser", gap.Error.MissingPermission);
        Assert.Equal("AccessDenied", gap.Error.ErrorCode);
        Assert.Single(server.Requests, r => r.Operation == "ListGroupsForUser"); // AccessDenied is not retried
    }

    [Fact]
    public async Task GetUserAsync_NoSuchEntity_ReturnsNotFound()
    {
        using var server = new LoopbackAwsServer(Accounts.FieldNote().Handle);

        var user = await Reader(server).GetUserAsync("nobody");

        Assert.Equal(SourceResultStatus.NotFound, user.Status);
        Assert.Equal("user nobody", user.NotFoundSubject);
    }

    [Theory]
    [InlineData("<GetRoleResponse><GetRoleResult><Role>")]
    [InlineData("not xml at all")]
    [InlineData("<GetRoleResponse><GetRoleResult></GetRoleResult></GetRoleResponse>")]
    public async Task GetRoleAsync_MalformedBody_ReturnsUnreadable(string body)
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Xml(body));

        var role = await Reader(server, o => o.ReadAhead = false).GetRoleAsync("etl-runtime");

        Assert.Equal(SourceResultStatus.Unreadable, role.Status);
        Assert.Null(role.Error!.MissingPermission);
    }

    [Fact]
    public async Task GetManagedPolicyAsync_AskedTwice_FetchesVersionOnce()
    {
        using var server = new LoopbackAwsServer(Accounts.FieldNote().Handle);
        var reader = Reader(server);

        var first = await reader.GetManagedPolicyAsync("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess");
        var second = await reader.GetManagedPolicyAsync("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess");

        Assert.Same(first.Value, second.Value);
        Assert.Equal("v3", first.Value!.VersionId);
        Assert.Equal(["GetPolicy", "GetPolicyVersion"], server.Operations);
    }

    [Fact]
    public async Task GetUserAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var server = new LoopbackAwsServer(Accounts.FieldNote().Handle, TimeSpan.FromMilliseconds(200));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Reader(server).GetUserAsync("dana", cancel.Token));
    }

    [Fact]
    public async Task ResolveAsync_AccountAuthorizationDetailsStrategy_UsesOnePaginatedCall()
    {
        var details = """
            <UserDetailList><member><Path>/</Path><UserName>dana</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::111122223333:user/dana</Arn>
              <GroupList><member>GlueAccess</member></GroupList><UserPolicyList/><AttachedManagedPolicies/></member></UserDetailList>
            <GroupDetailList><member><Path>/</Path><GroupName>GlueAccess</GroupName><GroupId>AGPA1</GroupId><Arn>arn:aws:iam::111122223333:group/GlueAccess</Arn>
              <GroupPolicyList><member><PolicyName>pass</PolicyName><PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22iam%3APassRole%22%2C%22Resource%22%3A%22*%22%7D%5D%7D</PolicyDocument></member></GroupPolicyList>
              <AttachedManagedPolicies><member><PolicyName>AWSGlueConsoleFullAccess</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess</PolicyArn></member></AttachedManagedPolicies></member></GroupDetailList>
            """;
        var policies = $"""
            <Policies><member><PolicyName>AWSGlueConsoleFullAccess</PolicyName><Arn>arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess</Arn><DefaultVersionId>v14</DefaultVersionId>
              <PolicyVersionList><member><Document>{Uri.EscapeDataString(Accounts.GlueConsole)}</Document><VersionId>v14</VersionId><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies>
            """;
        using var server = new LoopbackAwsServer(r => r.Operation != "GetAccountAuthorizationDetails"
            ? LoopbackResponse.IamError(400, "Unexpected", r.Operation)
            : FakeIamAccount.Ok(r.Operation, r.Parameters.ContainsKey("Marker")
                ? policies + "<IsTruncated>false</IsTruncated>"
                : details + "<IsTruncated>true</IsTruncated><Marker>page2</Marker>"));

        var result = await new EffectivePolicyResolver(Reader(server, o => o.IamReadStrategy = IamReadStrategy.AccountAuthorizationDetails))
            .ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal(["GetAccountAuthorizationDetails", "GetAccountAuthorizationDetails"], server.Operations);
        Assert.Equal("User", server.Requests[0].Parameters["Filter.member.1"]);
        Assert.Equal(
            [(PolicySourceKind.GroupInline, "pass"), (PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess")],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name)));
    }

    /// <summary>
    /// Issue 19: one inline policy the caller may not read (iam:GetUserPolicy denied) and one with a broken document are
    /// each unread on their own; the user's third inline policy is still read and evaluated. The port's all-or-nothing
    /// answer stays unreadable.
    /// </summary>
    [Fact]
    public async Task ResolveAsync_OneInlinePolicyDeniedOneBroken_EachIsAGapOfItsOwnAndTheOtherIsRead()
    {
        var account = Accounts.FieldNote();
        var dana = account.Users["dana"];
        dana.Inline["pass-etl"] = Accounts.Allow("iam:PassRole");
        dana.Inline["broken"] = """{"Version":"2012-10-17","Statement":5}""";
        dana.Inline["secret"] = Accounts.Allow("s3:GetObject");
        account.Override = r => r.Operation == "GetUserPolicy" && r.Parameters["PolicyName"] == "secret"
            ? LoopbackResponse.IamError(403, "AccessDenied", "not authorized to perform: iam:GetUserPolicy")
            : null;
        using var server = new LoopbackAwsServer(account.Handle);
        var reader = Reader(server);

        var result = await new EffectivePolicyResolver(reader).ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Contains(result.Policies.IdentityPolicies, p => p.Source.Kind == PolicySourceKind.UserInline && p.Source.Name == "pass-etl");
        Assert.Equal(
            ["inline policy broken of user dana", "inline policy secret of user dana"],
            result.Gaps.Where(g => g.OwnerKind == IamEntityKind.User).Select(g => g.Subject).Order(StringComparer.Ordinal));
        Assert.Equal("iam:GetUserPolicy", result.Gaps.Single(g => g.Subject.Contains("secret", StringComparison.Ordinal)).Error.MissingPermission);
        Assert.Contains("not a valid policy document", result.Gaps.Single(g => g.Subject.Contains("broken", StringComparison.Ordinal)).Error.Message, StringComparison.Ordinal);
        Assert.Equal(SourceResultStatus.Unreadable, (await reader.GetInlinePoliciesAsync(IamEntityKind.User, "dana")).Status);
    }

    /// <summary>The same through GetAccountAuthorizationDetails: a broken inline document leaves its neighbour read.</summary>
    [Fact]
    public async Task ResolveAsync_AccountAuthorizationDetailsWithOneBrokenInlinePolicy_TheOtherIsRead()
    {
        var pass = Uri.EscapeDataString(Accounts.Allow("iam:PassRole"));
        var broken = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":5}""");
        var details = $"""
            <UserDetailList><member><Path>/</Path><UserName>dana</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::111122223333:user/dana</Arn>
              <GroupList/><UserPolicyList><member><PolicyName>broken</PolicyName><PolicyDocument>{broken}</PolicyDocument></member>
              <member><PolicyName>pass</PolicyName><PolicyDocument>{pass}</PolicyDocument></member></UserPolicyList><AttachedManagedPolicies/></member></UserDetailList>
            <GroupDetailList/><RoleDetailList/><Policies/><IsTruncated>false</IsTruncated>
            """;
        using var server = new LoopbackAwsServer(r => r.Operation == "GetAccountAuthorizationDetails"
            ? FakeIamAccount.Ok(r.Operation, details)
            : LoopbackResponse.IamError(400, "Unexpected", r.Operation));

        var result = await new EffectivePolicyResolver(Reader(server, o => o.IamReadStrategy = IamReadStrategy.AccountAuthorizationDetails))
            .ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal([(PolicySourceKind.UserInline, "pass")], result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name)));
        Assert.Contains(result.Gaps, g => g.Subject == "inline policy broken of user dana");
        Assert.DoesNotContain(result.Gaps, g => g.Subject == "inline policies of user dana");
    }

    [Fact]
    public async Task ResolveAsync_AccountAuthorizationDetailsDenied_FallsBackToTargetedCalls()
    {
        var account = Accounts.FieldNote();
        account.Override = r => r.Operation == "GetAccountAuthorizationDetails" ? LoopbackResponse.IamError(403, "AccessDenied", "denied") : null;
        using var server = new LoopbackAwsServer(account.Handle);

        var result = await new EffectivePolicyResolver(Reader(server, o => o.IamReadStrategy = IamReadStrategy.AccountAuthorizationDetails))
            .ResolveAsync("arn:aws:iam::111122223333:user/dana");

        Assert.Equal(2, result.Policies.IdentityPolicies.Count);
        Assert.Single(server.Requests, r => r.Operation == "GetAccountAuthorizationDetails");
    }

    /// <summary>
    /// With 50 ms added to every response, a user in 3 groups with 6 managed policies resolves in at most 6 sequential
    /// round trips: the server measures the longest chain of requests that waited for one another.
    /// </summary>
    [Fact]
    public async Task ResolveAsync_ThreeGroupsSixPoliciesWith50msLatency_TakesAtMostSixRoundTrips()
    {
        var latency = TimeSpan.FromMilliseconds(50);
        using var server = new LoopbackAwsServer(Accounts.ThreeGroupsSixPolicies().Handle, latency);
        using (var warmUp = new LoopbackAwsServer(Accounts.FieldNote().Handle))
        {
            await Reader(warmUp, o => o.ReadAhead = false).GetRoleAsync("etl-runtime"); // SDK start-up cost, not part of the measure
        }

        var reader = Reader(server);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await new EffectivePolicyResolver(reader).ResolveAsync("arn:aws:iam::111122223333:user/wide");
        watch.Stop();

        Assert.Equal(7, result.Policies.IdentityPolicies.Count);
        var waves = server.Waves();
        output.WriteLine($"requests: {server.Requests.Count}, sequential round trips: {waves}, server span: {server.Span().TotalMilliseconds:F0} ms ({server.Span() / latency:F1} x latency), elapsed: {watch.ElapsedMilliseconds} ms ({watch.Elapsed / latency:F1} x latency)");
        output.WriteLine(string.Join(", ", server.Operations.GroupBy(o => o).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.InRange(waves, 1, 6); // the structure, not a wall-clock bound: a loaded CI machine once took 20.3 x latency for 4 waves
        Assert.Equal(23, server.Requests.Count); // 1 GetUser + 1 ListGroupsForUser + 2 user lists + 6 group lists + 1 GetGroupPolicy + 6 GetPolicy + 6 GetPolicyVersion
    }
}
