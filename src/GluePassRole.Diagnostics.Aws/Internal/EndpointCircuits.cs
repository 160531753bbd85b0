using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// One circuit per endpoint (<c>host:port</c>) for the reads of one container, which in the CLI is one run: after a call to
/// an endpoint times out or cannot connect, the other calls to it fail at once with the same reason, those in flight
/// included, instead of each waiting its own timeout. An answer, however unwelcome (AccessDenied, throttling, a 5xx),
/// opens nothing. A circuit stays open for <see cref="ReadCache.FailureRetention"/> at most, as a failed read is reused:
/// a host that keeps its container retries the endpoint after that.
/// </summary>
/// <remarks>Registered once per container (not static), so two runs with their own containers are independent.</remarks>
internal sealed class EndpointCircuits(TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, EndpointCircuit> _circuits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Circuits of their own, for a reader built outside a container (tests).</summary>
    public static EndpointCircuits Standalone() => new(TimeProvider.System, NullLogger.Instance);

    /// <summary>The circuit of <paramref name="endpoint"/> (<c>host:port</c>).</summary>
    public EndpointCircuit For(string endpoint) => _circuits.GetOrAdd(endpoint, e => new EndpointCircuit(e, time, logger));

    /// <summary>
    /// The circuit of the endpoint <paramref name="client"/> sends <paramref name="request"/> to, as the SDK resolves it
    /// (region, FIPS, <c>ServiceURL</c>, <c>AWS_ENDPOINT_URL*</c>); <see langword="null"/> when it cannot be resolved
    /// (no region: the call itself then fails as not sent).
    /// </summary>
    public EndpointCircuit? For(IAmazonService client, AmazonWebServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return client.Config?.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(request))?.URL is { } url ? ForUrl(url) : null;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    /// <summary>The circuit of the endpoint at <paramref name="url"/>; <see langword="null"/> when it is not an absolute URL.</summary>
    public EndpointCircuit? ForUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? For($"{uri.Host}:{uri.Port}") : null;
}

/// <summary>The circuit of one endpoint: closed, or open with the failure that opened it.</summary>
internal sealed class EndpointCircuit
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Generation _current = new();

    public EndpointCircuit(string endpoint, TimeProvider time, ILogger logger)
    {
        Endpoint = endpoint;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>host:port</c>.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Enters a call: the failure that opened the circuit when it is open (the call must not be sent), else a lease whose
    /// token is cancelled if another call opens the circuit while this one is in flight.
    /// </summary>
    public Lease Enter()
    {
        lock (_lock)
        {
            if (_current.OpenedBy is not null && Expired(_current))
            {
                _current = new Generation(); // retention over: closed again, the next call asks the endpoint
            }

            return new Lease(this, _current);
        }
    }

    /// <summary>Opens the circuit with <paramref name="failure"/> unless it is open already; gives up the calls in flight.</summary>
    public void Trip(AwsFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Generation opened;
        lock (_lock)
        {
            if (_current.OpenedBy is not null)
            {
                if (!Expired(_current))
                {
                    return; // the first reason stands
                }

                _current = new Generation();
            }

            opened = _current;
            opened.OpenedAt = _time.GetUtcNow();
            opened.OpenedBy = failure;
        }

        Log.EndpointCircuitOpened(_logger, Endpoint, failure.Action, failure.Kind, (int)ReadCache.FailureRetention.TotalSeconds);
        opened.Cancel();
    }

    private bool Expired(Generation generation) => generation.OpenedAt + ReadCache.FailureRetention <= _time.GetUtcNow();

    /// <summary>One stretch of the circuit's life: closed until <see cref="OpenedBy"/> is set, then open until it expires.</summary>
    [SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "Calls in flight link to the token until they end; a source without a timer holds nothing the collector does not free.")]
    internal sealed class Generation
    {
        private readonly CancellationTokenSource _opened = new();

        public AwsFailure? OpenedBy { get; set; }

        public DateTimeOffset OpenedAt { get; set; }

        public CancellationToken Opened => _opened.Token;

        public void Cancel() => _opened.Cancel();
    }

    /// <summary>A call's view of the circuit it entered.</summary>
    internal readonly struct Lease(EndpointCircuit circuit, Generation generation)
    {
        /// <summary>The circuit.</summary>
        public EndpointCircuit Circuit => circuit;

        /// <summary>The failure that opened the circuit before the call was sent, or <see langword="null"/> when it may be sent.</summary>
        public AwsFailure? OpenedBefore { get; } = generation.OpenedBy;

        /// <summary>Cancelled when another call opens the circuit while this one is in flight.</summary>
        public CancellationToken Opened => generation.Opened;

        /// <summary>The failure that opened the circuit during the call (set before <see cref="Opened"/> is cancelled).</summary>
        public AwsFailure? OpenedDuring => generation.OpenedBy;
    }
}
