using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// <c>investigate --live</c> and <c>audit --live</c> against an endpoint that accepts connections and never answers (issue
/// 19 item 3: they took 41 s and 31 s, each read waiting its 10 s in turn). The endpoint is asked once per run; every
/// other read fails at once with the same reason and is still named. The count of connections is the check; the
/// wall-clock bound is loose (one 10 s call timeout, plus margin for a loaded machine).
/// </summary>
[Collection(CredentialEnvironment.Name)]
public sealed class LiveBlackHoleTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Investigate_EndpointNeverAnswers_AsksItOnceAndNamesEveryUnreadPart()
    {
        using var hole = new BlackHole();
        var watch = Stopwatch.StartNew();

        var (exitCode, stdout, stderr) = await RunAsync(hole, "investigate", "--live", "--error-file", Path.Combine(SampleAccounts.Folder("field-note"), "error.txt"));

        watch.Stop();
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Equal(1, hole.Connections);
        Assert.True(exitCode == 3, stderr);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        var sameReason = $"was not sent because sts:GetCallerIdentity to the same endpoint ({hole.Endpoint}) timed out after 10 s.";
        Assert.Contains("Account: Not confirmed: the source's account could not be read (Reading the caller identity failed: sts:GetCallerIdentity timed out after 10 s.)", stdout, StringComparison.Ordinal);
        Assert.Contains($"Role arn:aws:iam::123456789012:role/etl-runtime could not be read: Reading role etl-runtime failed: iam:GetRole {sameReason}", stdout, StringComparison.Ordinal);
        foreach (var (part, action) in new[]
        {
            ("permissions boundary of user dana", "iam:GetUser"),
            ("inline policies of user dana", "iam:ListUserPolicies"),
            ("managed policies attached to user dana", "iam:ListAttachedUserPolicies"),
            ("groups of user dana", "iam:ListGroupsForUser"),
            ("service control policies of account 123456789012", "organizations:ListParents"),
        })
        {
            Assert.Contains($"  - {part}: ", stdout, StringComparison.Ordinal);
            Assert.Contains($"{action} {sameReason}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Audit_EndpointNeverAnswers_AsksItOnceAndNamesEveryUnreadPart()
    {
        using var hole = new BlackHole();
        var watch = Stopwatch.StartNew();

        var (exitCode, stdout, stderr) = await RunAsync(hole, "audit", "--live");

        watch.Stop();
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Equal(1, hole.Connections);
        Assert.True(exitCode == 3, stderr);
        Assert.Contains("the account's IAM users: Reading the account's IAM users failed: iam:ListUsers timed out after 10 s.", stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"the account's IAM roles: Reading the account's IAM roles failed: iam:ListRoles was not sent because iam:ListUsers to the same endpoint ({hole.Endpoint}) timed out after 10 s.",
            stdout,
            StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(BlackHole hole, params string[] args) => AwsEnvironment.RunAsync(
        new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDBLACKHOLETEST",
            ["AWS_SECRET_ACCESS_KEY"] = "black-hole-secret",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = $"http://{hole.Endpoint}",
        },
        args);

    /// <summary>Accepts every connection on 127.0.0.1, counts it, reads nothing and never answers.</summary>
    private sealed class BlackHole : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentBag<Socket> _held = [];
        private readonly Task _loop;
        private int _connections;

        public BlackHole()
        {
            _listener.Start();
            Endpoint = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _loop = Task.Run(AcceptAsync);
        }

        public string Endpoint { get; }

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _listener.Stop();
            foreach (var socket in _held)
            {
                socket.Dispose();
            }

            _loop.Wait(TimeSpan.FromSeconds(2));
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                try
                {
                    _held.Add(await _listener.AcceptSocketAsync());
                    Interlocked.Increment(ref _connections);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        }
    }
}
