using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C during a live investigation stops promptly and says where it stopped and what was not read, with the
/// documented exit code, instead of only "cancelled" or a stack trace.
/// </summary>
[Collection(CredentialEnvironment.Name)]
public sealed class InvestigateCancelTests
{
    [Fact]
    public async Task Investigate_LiveEndpointStallsAndUserCancels_SaysWhatWasNotReadAndExits130()
    {
        // Accepts connections (the OS backlog does) and never answers: the first live read waits.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var watch = Stopwatch.StartNew();

            var (exitCode, stdout, stderr) = await AwsEnvironment.RunAsync(
                new Dictionary<string, string>
                {
                    ["AWS_ACCESS_KEY_ID"] = "AKIDCANCELTEST",
                    ["AWS_SECRET_ACCESS_KEY"] = "cancel-test-secret",
                    ["AWS_REGION"] = "us-east-1",
                    ["AWS_ENDPOINT_URL"] = endpoint,
                },
                ["investigate", "--live", "--error-file", Path.Combine(SampleAccounts.Folder("field-note"), "error.txt")],
                ctrlC.Token);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}"); // not the 10 s per-call timeout
            Assert.Equal(130, exitCode);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("Cancelled during step confirm-account; no verdict was reached.", stderr, StringComparison.Ordinal);
            Assert.Contains("Not read: the caller's account (sts:GetCallerIdentity); the Glue job (glue:GetJob); the role and its trust policy (iam:GetRole); the principal's policies", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }
}
