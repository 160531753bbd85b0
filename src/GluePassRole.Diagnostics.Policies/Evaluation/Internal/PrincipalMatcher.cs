namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>
/// Matches a Principal/NotPrincipal element against the requester. AWS does not allow partial wildcards in principals
/// ("You cannot use a wildcard to match part of a principal name or ARN": reference_policies_elements_principal.html),
/// so everything but <c>"*"</c> compares exactly.
/// </summary>
internal sealed class PrincipalMatcher
{
    private readonly bool _anyone;
    private readonly string[] _aws;
    private readonly string[] _others;

    public PrincipalMatcher(PolicyPrincipal principal)
    {
        _anyone = principal.IsAnyone;
        _aws = principal.Entries.Where(e => e.Type == "AWS").SelectMany(e => e.Values).ToArray();
        _others = principal.Entries.Where(e => e.Type != "AWS").SelectMany(e => e.Values).ToArray();
    }

    /// <summary>The strongest way this element names the requester.</summary>
    public PrincipalGrant Match(string principal)
    {
        if (_anyone)
        {
            return PrincipalGrant.Direct;
        }

        var best = PrincipalGrant.None;
        var account = ArnFacts.Account(principal);
        foreach (var value in _aws)
        {
            PrincipalGrant grant;
            if (value == "*")
            {
                // "*" names whoever makes the request: for a role that is its session, named directly, so an implicit deny in
                // the boundary or session policy does not limit it (reference_policies_evaluation-logic.html).
                grant = PrincipalGrant.Direct;
            }
            else if (string.Equals(value, principal, StringComparison.Ordinal))
            {
                // A request "by a role" stands for a session of it; a grant to the role ARN is limited by its boundary and session policy.
                grant = ArnFacts.IsRole(principal) ? PrincipalGrant.Role : PrincipalGrant.Direct;
            }
            else if (!account.IsEmpty && IsAccount(value, account))
            {
                grant = PrincipalGrant.Account;
            }
            else if (ArnFacts.IsAssumedRoleSession(principal) && ArnFacts.IsRole(value) && ArnFacts.Account(value).SequenceEqual(account)
                     && ArnFacts.RoleName(value).SequenceEqual(ArnFacts.SessionRoleName(principal)))
            {
                // A grant to the role reaches its sessions. The session ARN carries no path, but role names are unique
                // within an account (id_roles_use_passrole.html), so account + name identify the role.
                grant = PrincipalGrant.Role;
            }
            else
            {
                continue;
            }

            if (grant > best)
            {
                best = grant;
            }
        }

        foreach (var value in _others)
        {
            if (string.Equals(value, principal, StringComparison.Ordinal))
            {
                return PrincipalGrant.Direct;
            }
        }

        return best;
    }

    private static bool IsAccount(string value, ReadOnlySpan<char> account) =>
        value.AsSpan().SequenceEqual(account)
        || (value.EndsWith(":root", StringComparison.Ordinal) && value.Contains(":iam::", StringComparison.Ordinal) && ArnFacts.Account(value).SequenceEqual(account));

    public override string ToString() => _anyone ? "*" : string.Join(", ", _aws.Concat(_others));
}
