using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>A request the loopback server received.</summary>
internal sealed record LoopbackRequest(string Operation, IReadOnlyDictionary<string, string> Parameters, string Body, bool SignatureValid, string? SignatureProblem)
{
    public long StartedTicks { get; init; }

    public long EndedTicks { get; set; }

    public string? Attempt { get; init; }

    /// <summary>The <c>X-Amz-Target</c> header of a JSON call.</summary>
    public string? Target { get; init; }

    /// <summary>The SigV4 credential scope (<c>date/region/service/aws4_request</c>) from the Authorization header.</summary>
    public string? Scope { get; init; }
}

/// <summary>A canned response.</summary>
internal sealed record LoopbackResponse(int Status, string Body, string ContentType = "text/xml")
{
    public Dictionary<string, string> Headers { get; } = [];

    public static LoopbackResponse Xml(string body) => new(200, body);

    public static LoopbackResponse Json(string body) => new(200, body, "application/x-amz-json-1.1");

    public static LoopbackResponse IamError(int status, string code, string message) => new(
        status,
        $"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>req-{code}</RequestId></ErrorResponse>");

    public static LoopbackResponse JsonError(int status, string type, string message) =>
        new(status, $"{{\"__type\":\"{type}\",\"Message\":\"{message}\"}}", "application/x-amz-json-1.1");
}

/// <summary>
/// An in-process AWS endpoint on 127.0.0.1 (random free port) that answers Query and JSON 1.1 calls from a handler,
/// recomputes every SigV4 signature with <see cref="SigV4Reference"/>, and can add latency to every response.
/// </summary>
internal sealed class LoopbackAwsServer : IDisposable
{
    public const string AccessKey = "AKIDLOOPBACKTEST";
    public const string SecretKey = "loopback/secret/key+for+tests";

    private readonly HttpListener _listener = new();
    private readonly Func<LoopbackRequest, LoopbackResponse> _handler;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackAwsServer(Func<LoopbackRequest, LoopbackResponse> handler, TimeSpan latency = default)
    {
        _handler = handler;
        Latency = latency;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public TimeSpan Latency { get; }

    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    public IEnumerable<string> Operations => Requests.Select(r => r.Operation);

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public IamClient CreateIamClient(int maxErrorRetry = 2) =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new IamClientConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = maxErrorRetry });

    public GlueClient CreateGlueClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new GlueClientConfig { ServiceURL = Url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 2 });

    public OrganizationsClient CreateOrganizationsClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new OrganizationsClientConfig { ServiceURL = Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 2 });

    public AwsCallGate<IamClient> IamGate() => new(() => CreateIamClient(), new PassRoleDiagnosticsAwsOptions(), TimeProvider.System, NullLogger.Instance);

    public AwsCallGate<GlueClient> GlueGate() => new(CreateGlueClient, new PassRoleDiagnosticsAwsOptions(), TimeProvider.System, NullLogger.Instance);

    public SsoAdminClient CreateSsoAdminClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new SsoAdminClientConfig { ServiceURL = Url, MaxErrorRetry = 2 });

    public AwsCallGate<SsoAdminClient> SsoAdminGate(PassRoleDiagnosticsAwsOptions? options = null) =>
        new(CreateSsoAdminClient, options ?? new PassRoleDiagnosticsAwsOptions(), TimeProvider.System, NullLogger.Instance);

    public AwsCallGate<OrganizationsClient> OrganizationsGate() => new(CreateOrganizationsClient, new PassRoleDiagnosticsAwsOptions(), TimeProvider.System, NullLogger.Instance);

    /// <summary>
    /// The number of sequential round trips: the longest chain of requests where each started only after the previous
    /// one had been answered. Requests issued concurrently share a wave.
    /// </summary>
    public int Waves()
    {
        var requests = Requests.OrderBy(r => r.StartedTicks).ToList();
        var depth = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            depth[i] = 1;
            for (var j = 0; j < i; j++)
            {
                if (requests[j].EndedTicks <= requests[i].StartedTicks)
                {
                    depth[i] = Math.Max(depth[i], depth[j] + 1);
                }
            }
        }

        return depth.Length == 0 ? 0 : depth.Max();
    }

    /// <summary>From the first request's arrival to the last response, on the server's clock.</summary>
    public TimeSpan Span()
    {
        var requests = Requests;
        return requests.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(requests.Min(r => r.StartedTicks), requests.Max(r => r.EndedTicks));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var text = Encoding.UTF8.GetString(body);
        var (valid, problem) = Verify(context.Request, body);
        var target = context.Request.Headers["X-Amz-Target"];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string operation;
        if (target is not null)
        {
            operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            var form = HttpUtility.ParseQueryString(text);
            foreach (var key in form.AllKeys)
            {
                parameters[key!] = form[key]!;
            }

            operation = parameters.GetValueOrDefault("Action") ?? "(none)";
        }

        var authorization = context.Request.Headers["Authorization"] ?? string.Empty;
        var credential = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        var scope = credential < 0 ? null : authorization[(credential + "Credential=".Length)..].Split(',')[0].Split('/', 2)[^1];
        var request = new LoopbackRequest(operation, parameters, text, valid, problem)
        {
            StartedTicks = started,
            Attempt = context.Request.Headers["amz-sdk-request"],
            Target = target,
            Scope = scope,
        };
        _requests.Enqueue(request);
        var response = _handler(request);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        var bytes = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = "loopback-" + Guid.NewGuid().ToString("N");
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        request.EndedTicks = Stopwatch.GetTimestamp();
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static (bool Valid, string? Problem) Verify(HttpListenerRequest request, byte[] body)
    {
        var authorization = request.Headers["Authorization"];
        if (authorization is null || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return (false, "no SigV4 Authorization header");
        }

        var fields = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var credential = fields["Credential"];
        var slash = credential.IndexOf('/', StringComparison.Ordinal);
        if (credential[..slash] != AccessKey)
        {
            return (false, "unknown access key " + credential[..slash]);
        }

        var scope = credential[(slash + 1)..];
        var signedHeaders = fields["SignedHeaders"].Split(';');
        var headers = request.Headers.AllKeys.SelectMany(name => request.Headers.GetValues(name!)!.Select(value => (name!, value))).ToList();
        var expected = SigV4Reference.Sign(SecretKey, request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, headers, signedHeaders, body, request.Headers["X-Amz-Date"]!, scope);
        return expected == fields["Signature"] ? (true, null) : (false, $"signature mismatch for scope {scope}");
    }
}
