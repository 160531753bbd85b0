using System.Globalization;
using System.Net;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The kinds of failed AWS read, each worded the same way by every reader.</summary>
internal enum AwsFailureKind
{
    /// <summary>AWS refused the call: the credentials lack the action.</summary>
    AccessDenied,

    /// <summary>AWS answered that the thing does not exist.</summary>
    NotFound,

    /// <summary>AWS still throttled the call after the SDK's retries.</summary>
    Throttled,

    /// <summary>AWS (or something in front of it) answered with another error.</summary>
    ServiceError,

    /// <summary>The endpoint could not be reached or dropped the connection (refused, reset, DNS).</summary>
    Network,

    /// <summary>The call, retries included, did not finish within the per-call timeout.</summary>
    Timeout,

    /// <summary>An answer came but could not be used: cut short, not XML or JSON, an HTML page, or missing fields.</summary>
    MalformedResponse,

    /// <summary>The call was never sent (no credentials, no region).</summary>
    NotSent,
}

/// <summary>One failed AWS call, classified once (<see cref="AwsFailures.Classify"/>) and worded once (<see cref="ToResult{T}"/>).</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Action">The IAM action of the call, e.g. <c>iam:GetRole</c>.</param>
/// <param name="Detail">One line from the answer or the exception, never a whole body; may be empty.</param>
internal sealed record AwsFailure(AwsFailureKind Kind, string Action, string Detail)
{
    /// <summary>The AWS error code, when AWS answered with one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The HTTP status, when an answer came.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>The per-call timeout that ran out, for <see cref="AwsFailureKind.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Whether the endpoint did not answer at all: the call timed out or could not connect (refused, no route, name not
    /// known). Such a failure opens the endpoint's circuit (<see cref="EndpointCircuit"/>); an answered error does not.
    /// </summary>
    public bool Unanswered { get; init; }

    /// <summary>
    /// For a call failed by its endpoint's open circuit: the earlier call's failure that opened it (its kind and timeout are
    /// this failure's too), else <see langword="null"/>.
    /// </summary>
    public AwsFailure? OpenedBy { get; init; }

    /// <summary>The endpoint (<c>host:port</c>) of <see cref="OpenedBy"/>'s circuit.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Whether the call failed by the circuit had been sent (it was in flight when the circuit opened) or not.</summary>
    public bool WasInFlight { get; init; }

    /// <summary>The failure of a call to <paramref name="action"/> that the circuit of <paramref name="endpoint"/>, opened by <paramref name="openedBy"/>, failed at once.</summary>
    public static AwsFailure Circuit(string action, string endpoint, AwsFailure openedBy, bool inFlight) =>
        new(openedBy.Kind, action, openedBy.Detail) { OpenedBy = openedBy, Endpoint = endpoint, Timeout = openedBy.Timeout, WasInFlight = inFlight };

    /// <summary>The port's answer for a read of <paramref name="subject"/> that failed this way: not found, or unreadable naming the call and why.</summary>
    public SourceResult<T> ToResult<T>(string subject)
        where T : notnull =>
        Kind == AwsFailureKind.NotFound
            ? SourceResult.NotFound<T>(subject)
            : SourceResult.Unreadable<T>(new SourceError(Sentence(subject))
            {
                ErrorCode = ErrorCode,
                MissingPermission = Kind == AwsFailureKind.AccessDenied ? Action : null,
                Location = Action,
            });

    /// <summary>What could not be read and why, in one sentence.</summary>
    public string Sentence(string subject) => OpenedBy is { } first ? $"Reading {subject} failed: {Action} {(WasInFlight ? "was given up" : "was not sent")} because {first.Reason(Endpoint)}." : Kind switch
    {
        AwsFailureKind.AccessDenied => $"Reading {subject} was denied: the investigating credentials lack {Action}.{Suffix(" ")}",
        AwsFailureKind.NotFound => $"{subject} does not exist ({Action}).",
        AwsFailureKind.Throttled => $"Reading {subject} failed: AWS still throttled {Action} after the SDK's retries ({ErrorCode}){Suffix(": ")}.",
        AwsFailureKind.ServiceError => $"Reading {subject} failed: {Action} returned {StatusText()}{Suffix(": ")}.",
        AwsFailureKind.Network => $"Reading {subject} failed: {Action} could not reach AWS{Suffix(": ")}.",
        AwsFailureKind.Timeout => $"Reading {subject} failed: {Action} timed out" + (Timeout is { } limit ? $" after {Seconds(limit)}." : "."),
        AwsFailureKind.MalformedResponse => $"Reading {subject} failed: the {Action} response could not be read{Suffix(": ")}.",
        _ => $"Reading {subject} failed: {Action} was not sent{Suffix(": ")}.",
    };

    /// <summary>Why this call's endpoint is not asked again: <c>iam:GetRole to the same endpoint (host:port) timed out after 10 s</c>.</summary>
    private string Reason(string? endpoint)
    {
        var same = endpoint is null ? "the same endpoint" : $"the same endpoint ({endpoint})";
        return Kind == AwsFailureKind.Timeout
            ? $"{Action} to {same} timed out" + (Timeout is { } limit ? $" after {Seconds(limit)}" : string.Empty)
            : $"{Action} could not reach {same}{Suffix(": ")}";
    }

    /// <summary>A duration as a person writes it: <c>10 s</c>, <c>0.25 s</c>.</summary>
    internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private string Suffix(string separator) => Detail.Length == 0 ? string.Empty : separator + Detail.TrimEnd('.');

    private string StatusText()
    {
        var status = Status is { } code ? $"HTTP {(int)code}" : "an error";
        return ErrorCode is null ? status : $"{status} {ErrorCode}";
    }
}

/// <summary>A call that failed in a way the reader answers as not found or unreadable; carries the classified failure.</summary>
internal sealed class AwsCallException(AwsFailure failure, Exception? inner) : Exception($"{failure.Action}: {failure.Kind} {failure.Detail}".TrimEnd(), inner)
{
    public AwsFailure Failure { get; } = failure;

    /// <summary>The answer to <paramref name="action"/> arrived but is not usable (<paramref name="detail"/> says why).</summary>
    public static AwsCallException Malformed(string action, string detail) => new(new AwsFailure(AwsFailureKind.MalformedResponse, action, AwsFailures.OneLine(detail)), null);
}

/// <summary>A response that arrived whole but is not the answer expected (an HTML page, a missing element or field).</summary>
internal sealed class MalformedResponseException(string message) : FormatException(message);
