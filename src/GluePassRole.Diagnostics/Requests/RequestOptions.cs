using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>What the caller of a question says about the request beyond the account data.</summary>
public sealed record RequestOptions
{
    /// <summary>No options: the time is now, the Region unknown, nothing pinned.</summary>
    public static RequestOptions Default { get; } = new();

    /// <summary>The moment asked about (<c>--at</c>); now when <see langword="null"/>.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The Region of the call, when known; otherwise <c>aws:RequestedRegion</c> is a circumstance.</summary>
    public string? Region { get; init; }

    /// <summary>Keys pinned by the caller (<c>--context KEY=VALUE</c>, <c>--mfa</c>): they win over everything else.</summary>
    public RequestContext Pinned { get; init; } = RequestContext.Empty;

    /// <summary>Keys the AccessDenied message carried (a decoded authorization message): they win over account data.</summary>
    public RequestContext FromError { get; init; } = RequestContext.Empty;

    /// <summary>The role session's name, when known (it completes <c>aws:userid</c> for a role session).</summary>
    public string? SessionName { get; init; }

    /// <summary>The clock; <see cref="TimeProvider.System"/> by default. Tests fix it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
