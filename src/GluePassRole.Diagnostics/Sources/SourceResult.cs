using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// A source's answer: <see cref="SourceResultStatus.Found"/> with a value, <see cref="SourceResultStatus.NotFound"/>
/// (the source knows it does not exist) or <see cref="SourceResultStatus.Unreadable"/> (the source cannot tell).
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <remarks>
/// Unreadable is never the same as not found, and neither is a deny: an investigation that meets one says
/// "unknown" and names the <see cref="Error"/>. Create results with the <see cref="SourceResult"/> factory methods.
/// </remarks>
public sealed record SourceResult<T>
    where T : notnull
{
    private readonly T? _value;

    internal SourceResult(SourceResultStatus status, T? value, string? notFound, SourceError? error)
    {
        Status = status;
        _value = value;
        NotFoundSubject = notFound;
        Error = error;
    }

    /// <summary>Whether the value was found, is known not to exist, or could not be read.</summary>
    public SourceResultStatus Status { get; }

    /// <summary>Whether <see cref="Status"/> is <see cref="SourceResultStatus.Found"/>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsFound => Status == SourceResultStatus.Found;

    /// <summary>The value when found; otherwise <see langword="default"/>.</summary>
    public T? Value => _value;

    /// <summary>What was not found (e.g. <c>role glue-etl-runtime</c>), when <see cref="Status"/> is <see cref="SourceResultStatus.NotFound"/>.</summary>
    public string? NotFoundSubject { get; }

    /// <summary>Why it could not be read, when <see cref="Status"/> is <see cref="SourceResultStatus.Unreadable"/>.</summary>
    public SourceError? Error { get; }

    /// <summary>Gets the value when found.</summary>
    /// <param name="value">The value, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsFound;
    }

    /// <summary>Transforms a found value, keeping not-found and unreadable answers as they are.</summary>
    /// <typeparam name="TResult">The type of the new value.</typeparam>
    /// <param name="selector">The transformation.</param>
    /// <returns>The transformed answer.</returns>
    public SourceResult<TResult> Map<TResult>(Func<T, TResult> selector)
        where TResult : notnull
    {
        ArgumentNullException.ThrowIfNull(selector);
        return IsFound
            ? new SourceResult<TResult>(SourceResultStatus.Found, selector(Value), null, null)
            : new SourceResult<TResult>(Status, default, NotFoundSubject, Error);
    }

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        SourceResultStatus.Found => $"Found: {_value}",
        SourceResultStatus.NotFound => $"Not found: {NotFoundSubject}",
        _ => $"Unreadable: {Error}",
    };
}

/// <summary>Creates <see cref="SourceResult{T}"/> answers.</summary>
public static class SourceResult
{
    /// <summary>An answer with the value that was found.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The answer.</returns>
    public static SourceResult<T> Found<T>(T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(value);
        return new SourceResult<T>(SourceResultStatus.Found, value, null, null);
    }

    /// <summary>An answer saying the thing is known not to exist.</summary>
    /// <typeparam name="T">The type of the value that was asked for.</typeparam>
    /// <param name="subject">What does not exist, e.g. <c>role glue-etl-runtime</c>.</param>
    /// <returns>The answer.</returns>
    public static SourceResult<T> NotFound<T>(string subject)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return new SourceResult<T>(SourceResultStatus.NotFound, default, subject, null);
    }

    /// <summary>An answer saying the source could not read it.</summary>
    /// <typeparam name="T">The type of the value that was asked for.</typeparam>
    /// <param name="error">Why.</param>
    /// <returns>The answer.</returns>
    public static SourceResult<T> Unreadable<T>(SourceError error)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SourceResult<T>(SourceResultStatus.Unreadable, default, null, error);
    }

    /// <summary>An answer saying an AWS call was refused or failed.</summary>
    /// <typeparam name="T">The type of the value that was asked for.</typeparam>
    /// <param name="errorCode">The AWS error code, e.g. <c>AccessDenied</c>.</param>
    /// <param name="missingPermission">The IAM action that was needed, e.g. <c>iam:GetRole</c>; <see langword="null"/> when not a permission problem.</param>
    /// <param name="message">The error message.</param>
    /// <returns>The answer.</returns>
    public static SourceResult<T> Unreadable<T>(string? errorCode, string? missingPermission, string message)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return Unreadable<T>(new SourceError(message) { ErrorCode = errorCode, MissingPermission = missingPermission });
    }
}
