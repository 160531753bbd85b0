using System.Diagnostics;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Faults;

/// <summary>
/// Every live reader against a server that misbehaves on chosen calls: each fault becomes the same typed answer in every
/// reader (unreadable naming the call and the reason in one line, or not found), within a bounded time, never an
/// exception. Only the caller's own cancellation propagates.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Room for faults the server answers (reset, garbage, 503, ...) to be answered before the per-call timeout.</summary>
    private static readonly TimeSpan AnsweredFaultTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Generous for a shared CI machine: the slowest fault (throttling on all three attempts) takes about a second of SDK
    /// back-off. Without the per-call timeout a stalled endpoint took 3 attempts x 100 s.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Readers => [.. FaultyReader.All.Select(r => r.Name)];

    public static TheoryData<string, string> ReadersAndFaults
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var reader in FaultyReader.All)
            {
                foreach (var fault in Faults)
                {
                    data.Add(reader.Name, fault);
                }
            }

            return data;
        }
    }

    private static string[] Faults =>
        ["reset", "closed", "stall", "truncated", "garbage", "empty", "html200", "html502", "unavailable503", "throttled", "denied"];

    [Theory]
    [MemberData(nameof(ReadersAndFaults))]
    public async Task Read_FaultOnEveryAttempt_ReturnsUnreadableNamingTheCall(string readerName, string fault)
    {
        var reader = FaultyReader.Named(readerName);
        using var server = new FaultyAwsServer(_ => Plan(reader, fault));
        var watch = Stopwatch.StartNew();

        // Only a stall should meet the per-call timeout. The other faults are answered within it: throttling after the SDK's
        // back-off (one retry keeps the test short), a reset after a dozen quick reconnects, which on a loaded CI machine
        // once took longer than the short timeout and read as "timed out".
        var outcome = fault switch
        {
            "stall" => await reader.ReadAsync(server.Url, ShortTimeout),
            "throttled" => await reader.ReadAsync(server.Url, TimeSpan.FromSeconds(10), maxErrorRetry: 1),
            _ => await reader.ReadAsync(server.Url, AnsweredFaultTimeout),
        };

        watch.Stop();
        output.WriteLine($"{reader} / {fault}: {outcome.Status} {outcome.Error} ({server.Requests.Count} requests, {watch.ElapsedMilliseconds} ms)");
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Equal(SourceResultStatus.Unreadable, outcome.Status);
        var error = outcome.Error!;
        Assert.Equal(reader.Action, error.Location);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal); // never a raw body
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal); // no .NET internals
        Assert.DoesNotContain("Amazon.Runtime", error.Message, StringComparison.Ordinal);
        var (code, permission, sentence) = Expected(reader, fault);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(permission, error.MissingPermission);
        Assert.Contains(sentence, error.Message, StringComparison.OrdinalIgnoreCase);
        if (fault is "html502" or "unavailable503" or "throttled")
        {
            Assert.Equal(fault == "throttled" ? 2 : 3, server.Requests.Count); // retried by the SDK, then answered
        }
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_ConnectionRefused_ReturnsUnreadableNetworkFailure(string readerName)
    {
        var reader = FaultyReader.Named(readerName);
        var port = LoopbackAwsServer.FreePort(); // nothing listens there

        var outcome = await reader.ReadAsync($"http://127.0.0.1:{port}/", ShortTimeout);

        Assert.Equal(SourceResultStatus.Unreadable, outcome.Status);
        Assert.Contains($"{reader.Action} could not reach AWS: Connection refused (127.0.0.1:{port})", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Error.MissingPermission);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_ResetThenAnswered_SdkRetryRecovers(string readerName)
    {
        var reader = FaultyReader.Named(readerName);
        using var server = new FaultyAwsServer(request => request.Attempt == 1 ? FaultPlan.Reset : FaultPlan.Respond(200, reader.OkBody, reader.ContentType));

        var outcome = await reader.ReadAsync(server.Url, TimeSpan.FromSeconds(5));

        Assert.True(outcome.Status != SourceResultStatus.Unreadable, outcome.Error?.ToString());
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_StallWithLongTimeoutAndCallerCancels_ThrowsOperationCanceledPromptly(string readerName)
    {
        var reader = FaultyReader.Named(readerName);
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)); // Ctrl+C
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(server.Url, TimeSpan.FromSeconds(30), cancellationToken: cancel.Token));

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_StallOnEveryAttempt_TimeoutCoversTheSdkRetries(string readerName)
    {
        var reader = FaultyReader.Named(readerName);
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        var watch = Stopwatch.StartNew();

        var outcome = await reader.ReadAsync(server.Url, TimeSpan.FromMilliseconds(300), maxErrorRetry: 5);

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Contains($"{reader.Action} timed out after 0.3 s", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests); // the attempt that stalled used the whole budget
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Read_NotFoundCode_ReturnsNotFoundOrUnknownOrganization(string readerName)
    {
        var reader = FaultyReader.Named(readerName);
        var code = reader.Json ? "EntityNotFoundException" : "NoSuchEntity";
        using var server = new FaultyAwsServer(_ => FaultPlan.Respond(reader.Json ? 400 : 404, reader.Error(code, "not found"), reader.ContentType));

        var outcome = await reader.ReadAsync(server.Url, ShortTimeout);

        Assert.Single(server.Requests); // not retried
        if (reader == FaultyReader.Organizations)
        {
            // An account the credentials' organization does not hold has unknown SCPs, not none.
            Assert.Equal(SourceResultStatus.Unreadable, outcome.Status);
            Assert.Contains("is not in the organization these credentials can read", outcome.Error!.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(SourceResultStatus.NotFound, outcome.Status);
        }
    }

    private static FaultPlan Plan(FaultyReader reader, string fault) => fault switch
    {
        "reset" => FaultPlan.Reset,
        "closed" => FaultPlan.Close,
        "stall" => FaultPlan.Stall,
        "truncated" => FaultPlan.Truncate(reader.OkBody, reader.OkBody.Length / 2, reader.ContentType),
        "garbage" => FaultPlan.Respond(200, "\u0001\u0002 garbage \u00ff", reader.ContentType),
        "empty" => FaultPlan.Respond(200, string.Empty, reader.ContentType),
        "html200" => FaultPlan.Respond(200, "<!DOCTYPE html>\n<html><head><title>Proxy login</title></head><body><form>...</form></body></html>", "text/html"),

        // werkzeug's (moto's) and nginx's error pages have this shape.
        "html502" => FaultPlan.Respond(502, "<!doctype html>\n<html lang=en>\n<head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1>\n<p>The proxy server received an invalid response from an upstream server.</p></body></html>", "text/html"),
        "unavailable503" => FaultPlan.Respond(503, reader.Error("ServiceUnavailable", "Service is unavailable."), reader.ContentType),
        "throttled" => FaultPlan.Respond(400, reader.Error(reader.ThrottlingCode, "Rate exceeded"), reader.ContentType),
        "denied" => FaultPlan.Respond(403, reader.Error(reader.Json ? "AccessDeniedException" : "AccessDenied", $"User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: {reader.Action}"), reader.ContentType),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static (string? Code, string? Permission, string Sentence) Expected(FaultyReader reader, string fault)
    {
        var a = reader.Action;
        var format = reader.Json ? "JSON" : "XML";
        return fault switch
        {
            "reset" => (null, null, $"{a} could not reach AWS: "), // "Connection reset by peer", or "Broken pipe" when it hits the request
            "closed" => (null, null, $"{a} could not reach AWS: the connection closed before an answer arrived"),
            "stall" => (null, null, $"{a} timed out after 0.5 s"),
            "truncated" => (null, null, $"the {a} response could not be read: the connection closed before the whole body arrived"),
            "garbage" => (null, null, $"the {a} response could not be read: the body is not {format}"),
            "empty" => (null, null, $"the {a} response could not be read: the body is empty"),
            "html200" when reader == FaultyReader.Sts => (null, null, $"the {a} response could not be read"), // the SDK's STS client reads the page as an empty answer
            "html200" => (null, null, $"the {a} response could not be read: an HTML page \"Proxy login\""),
            "html502" => (null, null, $"{a} returned HTTP 502: an HTML page \"502 Bad Gateway\""),
            "unavailable503" => ("ServiceUnavailable", null, $"{a} returned HTTP 503 ServiceUnavailable: Service is unavailable"),
            "throttled" => (reader.ThrottlingCode, null, $"AWS still throttled {a} after the SDK's retries ({reader.ThrottlingCode}): Rate exceeded"),
            "denied" => (reader.Json ? "AccessDeniedException" : "AccessDenied", a, $"the investigating credentials lack {a}"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }
}
