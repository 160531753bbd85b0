using GluePassRole.Diagnostics.Aws.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

/// <summary>The circuits themselves: one per host:port, the first reason stands, and an open circuit closes after the failure retention.</summary>
public sealed class EndpointCircuitsTests
{
    private static readonly AwsFailure TimedOut = new(AwsFailureKind.Timeout, "sts:GetCallerIdentity", string.Empty) { Timeout = TimeSpan.FromSeconds(10), Unanswered = true };

    [Fact]
    public void ForUrl_SameHostAndPort_SameCircuit_OtherPortOrHost_Another()
    {
        var circuits = new EndpointCircuits(TimeProvider.System, NullLogger.Instance);

        Assert.Same(circuits.ForUrl("https://iam.amazonaws.com/"), circuits.ForUrl("https://IAM.amazonaws.com:443/path"));
        Assert.Equal("iam.amazonaws.com:443", circuits.ForUrl("https://iam.amazonaws.com")!.Endpoint);
        Assert.Equal("127.0.0.1:4566", circuits.ForUrl("http://127.0.0.1:4566/")!.Endpoint);
        Assert.NotSame(circuits.ForUrl("http://127.0.0.1:4566/"), circuits.ForUrl("http://127.0.0.1:4567/"));
        Assert.NotSame(circuits.ForUrl("https://iam.amazonaws.com/"), circuits.ForUrl("https://sts.amazonaws.com/"));
        Assert.Null(circuits.ForUrl("not a url"));
    }

    [Fact]
    public void Trip_OpenUntilTheFailureRetentionEnds_ThenClosed()
    {
        var time = new ManualTime();
        var circuit = new EndpointCircuits(time, NullLogger.Instance).For("127.0.0.1:4566");
        var inFlight = circuit.Enter();

        circuit.Trip(TimedOut);

        Assert.True(inFlight.Opened.IsCancellationRequested); // the call in flight is given up
        Assert.Same(TimedOut, inFlight.OpenedDuring);
        Assert.Same(TimedOut, circuit.Enter().OpenedBefore);
        time.Advance(ReadCache.FailureRetention - TimeSpan.FromMilliseconds(1));
        Assert.Same(TimedOut, circuit.Enter().OpenedBefore);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var afterwards = circuit.Enter();
        Assert.Null(afterwards.OpenedBefore);
        Assert.False(afterwards.Opened.IsCancellationRequested);
    }

    [Fact]
    public void Trip_AlreadyOpen_TheFirstReasonStands()
    {
        var circuit = new EndpointCircuits(TimeProvider.System, NullLogger.Instance).For("127.0.0.1:4566");
        var refused = new AwsFailure(AwsFailureKind.Network, "iam:GetRole", "Connection refused (127.0.0.1:4566)") { Unanswered = true };

        circuit.Trip(TimedOut);
        circuit.Trip(refused);

        Assert.Same(TimedOut, circuit.Enter().OpenedBefore);
    }

    [Fact]
    public void Circuit_Sentence_NamesTheCallTheEndpointAndTheFirstReason()
    {
        var refused = new AwsFailure(AwsFailureKind.Network, "iam:GetRole", "Connection refused (127.0.0.1:4566)") { Unanswered = true };

        Assert.Equal(
            "Reading user dana failed: iam:GetUser was not sent because sts:GetCallerIdentity to the same endpoint (127.0.0.1:4566) timed out after 10 s.",
            AwsFailure.Circuit("iam:GetUser", "127.0.0.1:4566", TimedOut, inFlight: false).Sentence("user dana"));
        Assert.Equal(
            "Reading user dana failed: iam:GetUser was given up because iam:GetRole could not reach the same endpoint (127.0.0.1:4566): Connection refused (127.0.0.1:4566).",
            AwsFailure.Circuit("iam:GetUser", "127.0.0.1:4566", refused, inFlight: true).Sentence("user dana"));
        var result = AwsFailure.Circuit("iam:GetUser", "127.0.0.1:4566", TimedOut, inFlight: false).ToResult<string>("user dana");
        Assert.Equal(("iam:GetUser", null), (result.Error!.Location, result.Error.MissingPermission));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
