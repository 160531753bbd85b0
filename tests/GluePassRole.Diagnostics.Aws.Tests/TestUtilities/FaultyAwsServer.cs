using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>What the faulty server does with one request.</summary>
internal enum FaultKind
{
    /// <summary>Answers with <see cref="FaultPlan.Status"/> and <see cref="FaultPlan.Body"/>.</summary>
    Respond,

    /// <summary>Resets the connection (TCP RST) without answering.</summary>
    Reset,

    /// <summary>Accepts the request and never answers.</summary>
    Stall,

    /// <summary>Announces the whole body's length, sends only part of it, then closes the connection.</summary>
    Truncate,

    /// <summary>Closes the connection (FIN) without answering, as an idle-timeout proxy does.</summary>
    Close,
}

/// <summary>The server's plan for one request.</summary>
internal sealed record FaultPlan(FaultKind Kind, int Status = 200, string Body = "", string ContentType = "text/xml")
{
    /// <summary>How many bytes of the body a <see cref="FaultKind.Truncate"/> sends.</summary>
    public int KeepBytes { get; init; }

    public static FaultPlan Reset { get; } = new(FaultKind.Reset);

    public static FaultPlan Stall { get; } = new(FaultKind.Stall);

    public static FaultPlan Close { get; } = new(FaultKind.Close);

    public static FaultPlan Respond(int status, string body, string contentType = "text/xml") => new(FaultKind.Respond, status, body, contentType);

    public static FaultPlan Truncate(string body, int keepBytes, string contentType = "text/xml") => new(FaultKind.Truncate, 200, body, contentType) { KeepBytes = keepBytes };

}

/// <summary>A request the faulty server received: its operation and which attempt (1-based) at that operation it was.</summary>
internal sealed record FaultyRequest(string Operation, int Attempt, string Body);

/// <summary>
/// An AWS endpoint on 127.0.0.1 (random free port) written on raw sockets, so that it can misbehave the way networks,
/// proxies and emulators do: reset the connection, stall forever, cut a body short, or answer with garbage, HTML or an
/// empty body, on the calls a test chooses. Every connection is closed after one exchange.
/// </summary>
internal sealed class FaultyAwsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<FaultyRequest, FaultPlan> _plan;
    private readonly ConcurrentQueue<FaultyRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FaultyAwsServer(Func<FaultyRequest, FaultPlan> plan)
    {
        _plan = plan;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public IReadOnlyList<FaultyRequest> Requests => [.. _requests];

    /// <summary>How many requests the server received for <paramref name="operation"/>.</summary>
    public int CountOf(string operation) => _requests.Count(r => r.Operation == operation);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _open[socket] = 0;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var (headers, body) = await ReadRequestAsync(stream);
            var operation = headers.TryGetValue("x-amz-target", out var target)
                ? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]
                : HttpUtility.ParseQueryString(body)["Action"] ?? "(none)";
            var attempt = _attempts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            var request = new FaultyRequest(operation, attempt, body);
            _requests.Enqueue(request);
            var plan = _plan(request);
            switch (plan.Kind)
            {
                case FaultKind.Reset:
                    socket.LingerState = new LingerOption(true, 0); // close with RST, as a crashed proxy does
                    break;
                case FaultKind.Close:
                    socket.Shutdown(SocketShutdown.Both);
                    break;
                case FaultKind.Stall:
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    break;
                case FaultKind.Truncate:
                    await WriteAsync(stream, plan, Encoding.UTF8.GetBytes(plan.Body).AsMemory(0, plan.KeepBytes));
                    break;
                default:
                    await WriteAsync(stream, plan, Encoding.UTF8.GetBytes(plan.Body));
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (it timed out or was cancelled) or the server is stopping.
        }
        finally
        {
            _open.TryRemove(socket, out _);
            socket.Dispose();
        }
    }

    private static async Task WriteAsync(NetworkStream stream, FaultPlan plan, ReadOnlyMemory<byte> sent)
    {
        var full = Encoding.UTF8.GetByteCount(plan.Body);
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 {plan.Status} {ReasonPhrase(plan.Status)}\r\nContent-Type: {plan.ContentType}\r\nContent-Length: {full}\r\nx-amzn-RequestId: faulty-{Guid.NewGuid():N}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(sent);
        await stream.FlushAsync();
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };

    private static async Task<(Dictionary<string, string> Headers, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int end;
        while ((end = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before sending a whole request.");
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        var headers = Encoding.ASCII.GetString(all, 0, end).Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = new MemoryStream();
        body.Write(all, end + 4, all.Length - end - 4);
        while (body.Length < length)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                break;
            }

            body.Write(chunk, 0, read);
        }

        return (headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOfHeaderEnd(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8);
}
