using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// The one ladder from whatever a failed AWS call threw to an <see cref="AwsFailure"/>, used by every live reader. What is
/// not on the ladder (a bug: argument, null reference, invalid operation) is not classified and propagates.
/// </summary>
internal static partial class AwsFailures
{
    /// <summary>Why a body that ended before its announced length cannot be used.</summary>
    public const string CutShortDetail = "the connection closed before the whole body arrived";

    private const int MaxDetail = 160;

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedAccess",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchEntity",
        "EntityNotFoundException",
        "ChildNotFoundException",
        "TargetNotFoundException",
        "PolicyNotFoundException",
    };

    // IAM and STS answer Throttling, Glue ThrottlingException, Organizations TooManyRequestsException.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
    };

    // What the SDK puts before an error body it could not parse, and the messages it uses when it has nothing to say.
    private const string SdkBodyPrefix = "The service returned an error with HTTP Body:";
    private static readonly string[] SdkEmptyMessages = ["The service returned an error.", "Exception of type"];

    /// <summary>
    /// Classifies what a call to <paramref name="action"/> threw, or returns <see langword="null"/> when it is not an AWS
    /// failure (a bug, or the caller's own cancellation) and must propagate.
    /// </summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="action">The call's IAM action, e.g. <c>iam:GetRole</c>.</param>
    /// <param name="callTimeout">The per-call timeout in force.</param>
    /// <param name="timedOut">Whether the per-call timeout (not the caller) cancelled the call.</param>
    public static AwsFailure? Classify(Exception exception, string action, TimeSpan callTimeout, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case AwsCallException known:
                return known.Failure;
            case OperationCanceledException when timedOut:
            case TaskCanceledException { InnerException: TimeoutException }: // the SDK's own HttpClient timeout
                return new AwsFailure(AwsFailureKind.Timeout, action, string.Empty) { Timeout = timedOut ? callTimeout : null, Unanswered = true };
            case OperationCanceledException:
                return null;
            case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } ended when ended.Message.Contains("bytes expected", StringComparison.Ordinal):
                // The SDK's generated clients (STS) let a body cut short surface raw; .NET names the missing bytes only then.
                return new AwsFailure(AwsFailureKind.MalformedResponse, action, CutShortDetail);
            case AmazonUnmarshallingException unmarshalling:
                return Malformed(action, unmarshalling.InnerException ?? unmarshalling) with { Status = unmarshalling.StatusCode };
            case AmazonServiceException service:
                return Service(service, action);
            case AmazonClientException client when Network(client.InnerException) is { } network:
                return new AwsFailure(AwsFailureKind.Network, action, network) { Unanswered = CannotConnect(client) };
            case AmazonClientException client:
                return new AwsFailure(AwsFailureKind.NotSent, action, OneLine(client.Message));
            case MalformedResponseException or XmlException or JsonException or PolicyDocumentException:
                return Malformed(action, exception);
            case HttpRequestException or IOException or SocketException:
                return new AwsFailure(AwsFailureKind.Network, action, Network(exception) ?? OneLine(exception.Message)) { Unanswered = CannotConnect(exception) };
            default:
                return null;
        }
    }

    /// <summary>
    /// One line of <paramref name="text"/> for a message: an HTML page as its title (or first heading), otherwise the first
    /// non-empty line without control characters; at most 160 characters.
    /// </summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        if (HtmlStart().IsMatch(text))
        {
            var heading = Title().Match(text) is { Success: true } title ? title.Groups[1].Value
                : Heading().Match(text) is { Success: true } h1 ? h1.Groups[1].Value
                : string.Empty;
            heading = Space().Replace(Tag().Replace(heading, " "), " ").Trim();
            return heading.Length == 0 ? "an HTML page" : $"an HTML page \"{Cut(heading)}\"";
        }

        var line = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return Cut(Space().Replace(Control().Replace(line, " "), " ").Trim());
    }

    /// <summary>Why a response body of the wrong shape cannot be used: empty, an HTML page, or not <paramref name="format"/> (with its start).</summary>
    public static string UnusableBody(string body, string format)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "the body is empty";
        }

        var line = OneLine(body);
        return HtmlStart().IsMatch(body) ? line : $"the body is not {format}: {line}";
    }

    private static string Cut(string line) => line.Length <= MaxDetail ? line : string.Concat(line.AsSpan(0, MaxDetail - 1), "…");

    private static AwsFailure Service(AmazonServiceException exception, string action)
    {
        var code = string.IsNullOrEmpty(exception.ErrorCode) ? null : exception.ErrorCode;
        var kind = code is null ? AwsFailureKind.ServiceError
            : AccessDeniedCodes.Contains(code) ? AwsFailureKind.AccessDenied
            : NotFoundCodes.Contains(code) ? AwsFailureKind.NotFound
            : ThrottlingCodes.Contains(code) ? AwsFailureKind.Throttled
            : AwsFailureKind.ServiceError;
        if (kind == AwsFailureKind.ServiceError && exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            kind = AwsFailureKind.Throttled;
        }

        return new AwsFailure(kind, action, Detail(exception.Message)) { ErrorCode = code, Status = exception.StatusCode };
    }

    private static AwsFailure Malformed(string action, Exception exception)
    {
        if (CutShort(exception))
        {
            return new AwsFailure(AwsFailureKind.MalformedResponse, action, CutShortDetail);
        }

        var detail = exception switch
        {
            MalformedResponseException or PolicyDocumentException => OneLine(exception.Message),
            XmlException xml when xml.Message.StartsWith("Root element is missing", StringComparison.Ordinal) => "the body is empty",
            XmlException => "the body is not XML",
            JsonException => "the body is not JSON",
            _ when exception.InnerException is { } inner => Malformed(action, inner).Detail,
            _ => "the body could not be unmarshalled",
        };
        return new AwsFailure(AwsFailureKind.MalformedResponse, action, detail);
    }

    /// <summary>
    /// Whether the body ended before its announced length, seen while unmarshalling (our unmarshallers say so as a
    /// <see cref="MalformedResponseException"/>; the SDK's wrap it). Before any answer, the same error is a network failure.
    /// </summary>
    private static bool CutShort(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The socket-level reason (refused, reset, name not known) with the endpoint when the exception names it.</summary>
    private static string? Network(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException request when request.InnerException is SocketException:
                    return OneLine(request.Message); // "Connection refused (127.0.0.1:4566)"
                case SocketException socket:
                    return OneLine(socket.Message); // "Connection reset by peer"
                case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return "the connection closed before an answer arrived";
            }
        }

        return exception is HttpRequestException or IOException ? OneLine(exception.Message) : null;
    }

    /// <summary>
    /// Whether no connection could be made (refused, no route, name not known, TLS or proxy tunnel failed), as opposed to a
    /// connection that was reset or closed after the request: the endpoint is not there, so asking it again is pointless.
    /// </summary>
    private static bool CannotConnect(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException
                {
                    HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                        or HttpRequestError.ProxyTunnelError,
                }:
                case SocketException
                {
                    SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.HostDown
                        or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.TimedOut or SocketError.TryAgain or SocketError.NoData,
                }:
                    return true;
            }
        }

        return false;
    }

    private static string Detail(string? message)
    {
        var text = message ?? string.Empty;
        if (text.StartsWith(SdkBodyPrefix, StringComparison.Ordinal))
        {
            return OneLine(text[SdkBodyPrefix.Length..]);
        }

        return SdkEmptyMessages.Any(empty => text.StartsWith(empty, StringComparison.Ordinal)) ? string.Empty : OneLine(text);
    }

    [GeneratedRegex(@"<\s*(!DOCTYPE\s+html|html|head|body|title)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlStart();

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"[\p{Cc}\uFFFD]")]
    private static partial Regex Control();
}
