using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GluePassRole.Diagnostics.Policies.Building.Internal;

/// <summary>
/// The syntax rules the builder enforces, each with its AWS documentation source. Every check returns
/// <see langword="null"/> when the value is valid, otherwise a message saying what is wrong.
/// </summary>
internal static class IamSyntax
{
    /// <summary>The largest IAM policy name: 128 characters (IAM API Reference, PutGroupPolicy/PutUserPolicy/PutRolePolicy, PolicyName).</summary>
    public const int MaxPolicyNameLength = 128;

    /// <summary>The largest IAM role name: 64 characters (IAM API Reference, CreateRole, RoleName).</summary>
    public const int MaxRoleNameLength = 64;

    /// <summary>The largest IAM path: 512 characters (IAM API Reference, CreateRole, Path).</summary>
    public const int MaxPathLength = 512;

    /// <summary>
    /// Sid: "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"
    /// (IAM User Guide, reference_policies_elements_sid).
    /// </summary>
    public static string? CheckSid(string sid)
    {
        if (sid.Length == 0)
        {
            return "Sid must not be empty; omit it instead.";
        }

        foreach (var c in sid)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return $"Sid '{sid}' contains '{c}'; IAM allows only ASCII letters A-Z, a-z and digits 0-9 in a Sid (IAM User Guide, reference_policies_elements_sid).";
            }
        }

        return null;
    }

    /// <summary>
    /// Action: <c>*</c>, or <c>service-prefix:action-name</c> with exactly one colon; the prefix is lower-case letters,
    /// digits and hyphens, the name ASCII letters and digits; both may use <c>*</c> and <c>?</c>
    /// (IAM User Guide, reference_policies_elements_action; Service Authorization Reference for prefixes).
    /// </summary>
    public static string? CheckAction(string action)
    {
        if (action == "*")
        {
            return null;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || action.IndexOf(':', colon + 1) >= 0)
        {
            return $"Action '{action}' must have the form 'service:Action' with exactly one colon (or be '*' alone).";
        }

        var prefix = action.AsSpan(0, colon);
        var name = action.AsSpan(colon + 1);
        if (prefix.IsEmpty || name.IsEmpty)
        {
            return $"Action '{action}' needs both a service prefix and an action name around the colon.";
        }

        foreach (var c in prefix)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '*' or '?'))
            {
                return $"Action '{action}' has '{c}' in its service prefix; a prefix is lower-case ASCII letters, digits and hyphens (wildcards * and ? allowed).";
            }
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '*' or '?'))
            {
                return $"Action '{action}' has '{c}' in its action name; an action name is ASCII letters and digits (wildcards * and ? allowed).";
            }
        }

        return null;
    }

    /// <summary>
    /// Resource: <c>*</c>, or an ARN <c>arn:partition:service:region:account-id:resource</c> with six colon-separated
    /// components, a non-empty partition, service and resource, and no whitespace (IAM User Guide,
    /// reference_policies_elements_resource and reference-arns). Region and account may be empty, as for IAM and S3.
    /// </summary>
    public static string? CheckResource(string resource)
    {
        if (resource == "*")
        {
            return null;
        }

        foreach (var c in resource)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"Resource '{resource}' contains whitespace or a control character.";
            }
        }

        var parts = resource.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            return $"Resource '{resource}' must be '*' or an ARN of the form 'arn:partition:service:region:account-id:resource'.";
        }

        if (parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return $"Resource '{resource}' must name a partition, a service and a resource ('arn:partition:service:region:account-id:resource').";
        }

        return null;
    }

    /// <summary>A condition key has a prefix and a name around a colon, e.g. <c>iam:PassedToService</c>, and no whitespace.</summary>
    public static string? CheckConditionKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1 || key.Any(char.IsWhiteSpace))
        {
            return $"Condition key '{key}' must have the form 'prefix:name' (e.g. 'iam:PassedToService') without whitespace.";
        }

        return null;
    }

    /// <summary>
    /// A service principal: lower-case DNS labels ending in <c>.amazonaws.com</c> or <c>.amazonaws.com.cn</c> (China
    /// Regions), no wildcards (IAM User Guide, reference_policies_elements_principal, "AWS service principals").
    /// </summary>
    public static string? CheckServicePrincipal(string service)
    {
        const string Global = ".amazonaws.com";
        const string China = ".amazonaws.com.cn";
        if (service.Contains('*', StringComparison.Ordinal) || service.Contains('?', StringComparison.Ordinal))
        {
            return $"Service '{service}' contains a wildcard; name exactly one service principal such as 'glue.amazonaws.com'.";
        }

        string? host = null;
        if (service.EndsWith(China, StringComparison.Ordinal))
        {
            host = service[..^China.Length];
        }
        else if (service.EndsWith(Global, StringComparison.Ordinal))
        {
            host = service[..^Global.Length];
        }

        if (string.IsNullOrEmpty(host) || host.Split('.').Any(label => label.Length == 0
            || label[0] == '-' || label[^1] == '-'
            || label.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))))
        {
            return $"Service '{service}' is not an AWS service principal; expected lower-case '<service>.amazonaws.com' (or '.amazonaws.com.cn'), e.g. 'glue.amazonaws.com'.";
        }

        return null;
    }

    /// <summary>
    /// Parses an IAM role ARN <c>arn:partition:iam::account-id:role/path/name</c>: partition <c>aws</c> or
    /// <c>aws-*</c>, empty region, a 12-digit account, a path that starts and ends with <c>/</c>, and a role name of
    /// 1–64 characters from <c>[\w+=,.@-]</c> (IAM User Guide, reference_identifiers "IAM ARNs"; IAM API Reference,
    /// CreateRole). Wildcards are refused: least privilege names exactly one role.
    /// </summary>
    public static bool TryParseRoleArn(string arn, [NotNullWhen(true)] out RoleArn? role, [NotNullWhen(false)] out string? error)
    {
        role = null;
        if (arn == "*")
        {
            error = "Resource '*' would let the caller pass every role in the account, including administrator roles; name the exact role ARN instead (IAM User Guide, id_roles_use_passrole; IAM Access Analyzer check 'PassRole With Star In Resource').";
            return false;
        }

        if (arn.Contains('*', StringComparison.Ordinal) || arn.Contains('?', StringComparison.Ordinal))
        {
            error = $"Role ARN '{arn}' contains a wildcard (* or ?); a least-privilege PassRole statement names exactly one role.";
            return false;
        }

        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0
            || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            error = $"'{arn}' is not an IAM role ARN; expected 'arn:<partition>:iam::<12-digit account>:role/<path/>name'.";
            return false;
        }

        var partition = parts[1];
        if (partition != "aws" && !(partition.StartsWith("aws-", StringComparison.Ordinal) && partition.Length > 4
            && partition.All(c => char.IsAsciiLetterLower(c) || c == '-')))
        {
            error = $"Role ARN '{arn}' has partition '{partition}'; expected 'aws' or 'aws-…' (aws-cn, aws-us-gov, …).";
            return false;
        }

        var account = parts[4];
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            error = $"Role ARN '{arn}' has account '{account}'; expected a 12-digit AWS account ID.";
            return false;
        }

        var pathAndName = parts[5]["role".Length..];
        var lastSlash = pathAndName.LastIndexOf('/');
        var path = pathAndName[..(lastSlash + 1)];
        var name = pathAndName[(lastSlash + 1)..];
        if (name.Length is 0 or > MaxRoleNameLength || !name.All(IsNameChar))
        {
            error = $"Role ARN '{arn}' has role name '{name}'; a role name is 1-{MaxRoleNameLength} characters from letters, digits and _+=,.@-.";
            return false;
        }

        if (path.Length > MaxPathLength || path.Contains("//", StringComparison.Ordinal) || path.Any(c => c is < '!' or > '~'))
        {
            error = $"Role ARN '{arn}' has path '{path}'; a path is '/' or '/segments/' of printable ASCII characters, at most {MaxPathLength} long.";
            return false;
        }

        role = new RoleArn(partition, account, path, name);
        error = null;
        return true;
    }

    /// <summary>Characters of IAM user, role and policy names: <c>[\w+=,.@-]</c> (IAM API Reference, CreateRole/PutGroupPolicy).</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';

    /// <summary>
    /// Turns a name into PascalCase ASCII letters and digits: split at every character that is not an ASCII letter or
    /// digit, upper-case the first character of each piece and keep the rest as written (<c>etl-runtime</c> →
    /// <c>EtlRuntime</c>, <c>ETL_v2.job</c> → <c>ETLV2Job</c>).
    /// </summary>
    public static string Pascal(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return builder.ToString();
    }

    /// <summary>The part of a service principal before <c>.amazonaws.com</c>: <c>glue.amazonaws.com</c> → <c>glue</c>.</summary>
    public static string ServiceName(string servicePrincipal)
    {
        var end = servicePrincipal.IndexOf(".amazonaws.com", StringComparison.Ordinal);
        return end > 0 ? servicePrincipal[..end] : servicePrincipal;
    }
}

/// <summary>The parts of a role ARN.</summary>
/// <param name="Partition">e.g. <c>aws</c>.</param>
/// <param name="Account">The 12-digit account ID.</param>
/// <param name="Path">The path, <c>/</c> or <c>/segments/</c>.</param>
/// <param name="Name">The role name.</param>
internal sealed record RoleArn(string Partition, string Account, string Path, string Name);
