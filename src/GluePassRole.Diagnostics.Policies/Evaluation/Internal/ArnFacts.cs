namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>Allocation-free reads of the parts of an ARN the evaluator needs.</summary>
internal static class ArnFacts
{
    /// <summary>The account field (fifth component) of an ARN, or empty when the value is not an ARN or has no account.</summary>
    public static ReadOnlySpan<char> Account(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return ReadOnlySpan<char>.Empty;
        }

        var rest = arn.AsSpan();
        for (var i = 0; i < 4; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                return ReadOnlySpan<char>.Empty;
            }

            rest = rest[(colon + 1)..];
        }

        var end = rest.IndexOf(':');
        return end < 0 ? ReadOnlySpan<char>.Empty : rest[..end];
    }

    /// <summary>Whether the value is an ARN (as opposed to a service principal such as <c>glue.amazonaws.com</c>).</summary>
    public static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>Whether the ARN is an account's root user, <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    public static bool IsRootUser(string arn) =>
        IsArn(arn) && arn.EndsWith(":root", StringComparison.Ordinal) && arn.Contains(":iam::", StringComparison.Ordinal);

    /// <summary>Whether the ARN is an IAM role (not a session of one).</summary>
    public static bool IsRole(string arn) => IsArn(arn) && arn.Contains(":iam::", StringComparison.Ordinal) && ResourcePart(arn).StartsWith("role/", StringComparison.Ordinal);

    /// <summary>Whether the ARN is an assumed-role session, <c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>.</summary>
    public static bool IsAssumedRoleSession(string arn) => IsArn(arn) && ResourcePart(arn).StartsWith("assumed-role/", StringComparison.Ordinal);

    /// <summary>Whether the ARN is an AWS STS federated-user session, <c>arn:aws:sts::ACCOUNT:federated-user/NAME</c> (GetFederationToken).</summary>
    public static bool IsFederatedUser(string arn) =>
        IsArn(arn) && arn.Contains(":sts:", StringComparison.Ordinal) && ResourcePart(arn).StartsWith("federated-user/", StringComparison.Ordinal);

    /// <summary>Whether the ARN is a KMS key, <c>arn:aws:kms:REGION:ACCOUNT:key/ID</c>.</summary>
    public static bool IsKmsKey(string arn) =>
        IsArn(arn) && arn.Contains(":kms:", StringComparison.Ordinal) && ResourcePart(arn).StartsWith("key/", StringComparison.Ordinal);

    /// <summary>
    /// Which resource policy must allow the request on its own: a role's trust policy for the STS actions that act on a
    /// role, a key policy for KMS actions on a key, otherwise none. Allocation-free.
    /// </summary>
    public static MandatoryGrant MandatoryGrant(string action, string resource)
    {
        if (action.Length < 5 || action[3] != ':')
        {
            return Internal.MandatoryGrant.None;
        }

        var service = action.AsSpan(0, 3);
        var name = action.AsSpan(4);
        if (service.Equals("sts", StringComparison.OrdinalIgnoreCase))
        {
            return IsRoleAssumption(name) && IsRole(resource) ? Internal.MandatoryGrant.TrustPolicy : Internal.MandatoryGrant.None;
        }

        return service.Equals("kms", StringComparison.OrdinalIgnoreCase) && IsKmsKey(resource) ? Internal.MandatoryGrant.KeyPolicy : Internal.MandatoryGrant.None;
    }

    /// <summary>Whether the action is <c>sts:GetCallerIdentity</c>, which needs no permission.</summary>
    public static bool IsGetCallerIdentity(string action) => action.Equals("sts:GetCallerIdentity", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoleAssumption(ReadOnlySpan<char> name) =>
        name.Equals("AssumeRole", StringComparison.OrdinalIgnoreCase)
        || name.Equals("AssumeRoleWithSAML", StringComparison.OrdinalIgnoreCase)
        || name.Equals("AssumeRoleWithWebIdentity", StringComparison.OrdinalIgnoreCase)
        || name.Equals("TagSession", StringComparison.OrdinalIgnoreCase)
        || name.Equals("SetSourceIdentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of an IAM role from its ARN: the last segment of <c>role/PATH/NAME</c>.</summary>
    public static ReadOnlySpan<char> RoleName(string roleArn)
    {
        var resource = ResourcePart(roleArn);
        return resource[(resource.LastIndexOf('/') + 1)..];
    }

    /// <summary>The role name of an assumed-role session ARN: <c>NAME</c> in <c>assumed-role/NAME/SESSION</c>.</summary>
    public static ReadOnlySpan<char> SessionRoleName(string sessionArn)
    {
        var resource = ResourcePart(sessionArn)["assumed-role/".Length..];
        var slash = resource.IndexOf('/');
        return slash < 0 ? resource : resource[..slash];
    }

    /// <summary>The service prefix of an action, e.g. <c>iam</c> for <c>iam:PassRole</c>.</summary>
    public static ReadOnlySpan<char> Service(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? action.AsSpan() : action.AsSpan(0, colon);
    }

    private static ReadOnlySpan<char> ResourcePart(string arn)
    {
        var rest = arn.AsSpan();
        for (var i = 0; i < 5; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                return ReadOnlySpan<char>.Empty;
            }

            rest = rest[(colon + 1)..];
        }

        return rest;
    }
}
