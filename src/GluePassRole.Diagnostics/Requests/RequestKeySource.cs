namespace GluePassRole.Diagnostics.Requests;

/// <summary>Where a key of the evaluated request came from.</summary>
public enum RequestKeySource
{
    /// <summary>Read from the account data (IAM, Organizations, the template).</summary>
    AccountData,

    /// <summary>Taken from the AccessDenied message (its ARNs, or a decoded authorization message's context).</summary>
    Error,

    /// <summary>Given by the caller (<c>--context</c>, <c>--mfa</c>, <c>--at</c>, <c>--region</c>).</summary>
    Option,

    /// <summary>Assumed, with the reason in <see cref="RequestKey.Note"/> (e.g. the time is now).</summary>
    Assumption,

    /// <summary>Depends on how and where the call was made, or is not in the data read: decided per class of values.</summary>
    Circumstance,
}
