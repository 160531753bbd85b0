using System.Text;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>Why a source could not read something: the AWS error, the missing permission, or the broken file and place.</summary>
/// <param name="Message">What could not be read and why, in a sentence.</param>
public sealed record SourceError(string Message)
{
    /// <summary>The AWS error code (e.g. <c>AccessDenied</c>, <c>AccessDeniedException</c>), when an AWS call failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The IAM action that was needed to read it (e.g. <c>iam:GetRole</c>), when known.</summary>
    public string? MissingPermission { get; init; }

    /// <summary>Where the data came from: a snapshot file path or an AWS API operation.</summary>
    public string? Location { get; init; }

    /// <summary>The JSON path inside <see cref="Location"/> (e.g. <c>$.RoleDetailList[3].AssumeRolePolicyDocument</c>), when known.</summary>
    public string? JsonPath { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Message);
        if (Location is not null)
        {
            text.Append(" (").Append(Location);
            if (JsonPath is not null)
            {
                text.Append(" at ").Append(JsonPath);
            }

            text.Append(')');
        }

        if (ErrorCode is not null)
        {
            text.Append(" [").Append(ErrorCode).Append(']');
        }

        if (MissingPermission is not null)
        {
            text.Append(" needs ").Append(MissingPermission);
        }

        return text.ToString();
    }
}
