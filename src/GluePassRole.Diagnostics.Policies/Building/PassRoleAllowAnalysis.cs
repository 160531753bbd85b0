using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Building;

/// <summary>Why an Allow statement's <c>iam:PassRole</c> grant is broader than least privilege.</summary>
[Flags]
public enum BroadPassRoleReasons
{
    /// <summary>Not broad.</summary>
    None = 0,

    /// <summary>
    /// The statement covers every role name: <c>Resource: "*"</c>, a pattern such as <c>arn:aws:iam::*:role/*</c>, or a
    /// <c>NotResource</c> that does not exclude roles.
    /// </summary>
    AnyRole = 1,

    /// <summary>The statement has no <c>iam:PassedToService</c> condition that limits which service receives the role.</summary>
    AnyService = 2,
}

/// <summary>One Allow statement whose <c>iam:PassRole</c> grant is overly broad.</summary>
/// <param name="StatementIndex">The statement's zero-based position in its document.</param>
/// <param name="Sid">The statement's Sid, when it has one.</param>
/// <param name="Reasons">Why it is broad.</param>
/// <param name="CoveringAction">The action pattern that covers <c>iam:PassRole</c> (<c>iam:PassRole</c>, <c>iam:*</c>, <c>*</c>, …), or <c>NotAction</c>.</param>
/// <param name="Explanation">A sentence saying what is broad and what to do instead.</param>
public sealed record BroadPassRoleAllow(int StatementIndex, string? Sid, BroadPassRoleReasons Reasons, string CoveringAction, string Explanation)
{
    /// <summary>The Sid when present, else <c>#index</c>.</summary>
    public string Label => string.IsNullOrEmpty(Sid) ? $"#{StatementIndex}" : Sid;

    /// <inheritdoc />
    public override string ToString() => $"{Label}: {Explanation}";
}

/// <summary>
/// Finds overly broad <c>iam:PassRole</c> allows in a policy document: Allow statements whose actions cover
/// <c>iam:PassRole</c> (<c>iam:PassRole</c>, <c>iam:Pass*</c>, <c>iam:*</c>, <c>*</c>, or a <c>NotAction</c> that does
/// not exclude it) and that either cover every role or do not limit <c>iam:PassedToService</c>.
/// </summary>
/// <remarks>
/// <para>
/// Basis: IAM User Guide, id_roles_use_passrole (grant PassRole on specific role ARNs, and use
/// <c>iam:PassedToService</c> to limit the service); IAM Access Analyzer policy checks,
/// access-analyzer-reference-policy-checks, security warning "PassRole With Star In Resource" (specify resource ARNs or
/// add the <c>iam:PassedToService</c> condition key).
/// </para>
/// <para>
/// "Covers every role" is decided with the evaluator's own matchers: a resource pattern covers every role when it
/// matches a set of probe role ARNs (short and long names, with and without a path) built in the pattern's own
/// partition and account; <c>arn:aws:iam::*:role/AWSGlueServiceRole*</c> therefore does not, <c>arn:aws:iam::*:role/*</c>
/// does. A <c>iam:PassedToService</c> condition limits the service when its operator is not negated, not <c>Null</c>,
/// and (for the <c>Like</c> operators) no value is <c>*</c> alone. Deny statements are not examined. Policy variables
/// are read as written.
/// </para>
/// </remarks>
public static class PassRoleAllowAnalysis
{
    private static readonly string[] ProbeRoleNames = ["a", "Z9", "zq_+=,.@-probe", "p/q/x", "service-role/AWSGlueServiceRole-x"];

    /// <summary>Lists the statements of <paramref name="document"/> that allow <c>iam:PassRole</c> too broadly, in document order.</summary>
    /// <param name="document">The policy.</param>
    /// <returns>The broad statements; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<BroadPassRoleAllow> FindBroadAllows(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new List<BroadPassRoleAllow>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            if (Analyze(document.Statements[i], i) is { } broad)
            {
                found.Add(broad);
            }
        }

        return found;
    }

    /// <summary>Examines one statement.</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="statementIndex">Its position in its document, for the result.</param>
    /// <returns>The finding, or <see langword="null"/> when the statement does not allow <c>iam:PassRole</c> broadly.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statement"/> is <see langword="null"/>.</exception>
    public static BroadPassRoleAllow? Analyze(PolicyStatement statement, int statementIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement.Effect != Effect.Allow || CoveringAction(statement) is not { } covering)
        {
            return null;
        }

        var reasons = BroadPassRoleReasons.None;
        var broadResource = BroadResource(statement);
        if (broadResource is not null)
        {
            reasons |= BroadPassRoleReasons.AnyRole;
        }

        if (!LimitsPassedToService(statement))
        {
            reasons |= BroadPassRoleReasons.AnyService;
        }

        if (reasons == BroadPassRoleReasons.None)
        {
            return null;
        }

        var what = new List<string>();
        if (broadResource is not null)
        {
            what.Add($"covers every role ({broadResource})");
        }

        if ((reasons & BroadPassRoleReasons.AnyService) != 0)
        {
            what.Add($"has no {LeastPrivilegeStatementBuilder.PassedToServiceKey} condition, so the role can be passed to any service");
        }

        var explanation = $"Allow via '{covering}' grants iam:PassRole and {string.Join(" and ", what)}; "
            + "name the exact role ARN and add StringEquals iam:PassedToService for the one service that needs it.";
        return new BroadPassRoleAllow(statementIndex, statement.Sid, reasons, covering, explanation);
    }

    /// <summary>The action pattern of an Allow that covers <c>iam:PassRole</c>, <c>NotAction …</c>, or <see langword="null"/>.</summary>
    internal static string? CoveringAction(PolicyStatement statement)
    {
        if (statement.Action is { } actions)
        {
            return actions.FirstOrDefault(a => ActionPattern.Create(a).IsMatch(LeastPrivilegeStatementBuilder.PassRoleAction));
        }

        if (statement.NotAction is { } notActions
            && !notActions.Any(a => ActionPattern.Create(a).IsMatch(LeastPrivilegeStatementBuilder.PassRoleAction)))
        {
            return "NotAction " + string.Join(",", notActions);
        }

        return null;
    }

    /// <summary>The resource text that covers every role, or <see langword="null"/> when the roles are scoped.</summary>
    private static string? BroadResource(PolicyStatement statement)
    {
        if (statement.Resource is { } resources)
        {
            return BroadResourceIndex(resources) is int index ? $"Resource \"{resources[index]}\"" : null;
        }

        if (statement.NotResource is { } notResources)
        {
            return NotResourceSpansRoles(notResources) ? $"NotResource \"{string.Join(",", notResources)}\"" : null;
        }

        // Neither element (a trust policy): PassRole has no resource limit there.
        return null;
    }

    /// <summary>The index of the first Resource entry that covers every role (<c>*</c> first), or <see langword="null"/>.</summary>
    internal static int? BroadResourceIndex(IReadOnlyList<string> resources)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i] == "*")
            {
                return i;
            }
        }

        for (var i = 0; i < resources.Count; i++)
        {
            if (CoversEveryRole(resources[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Whether a NotResource list leaves roles covered: it applies to everything except what it lists.</summary>
    internal static bool NotResourceSpansRoles(IReadOnlyList<string> notResources)
    {
        var patterns = notResources.Select(ArnPattern.Create).ToArray();
        return !Probes("aws", "123456789012").All(p => patterns.Any(n => n.IsMatch(p)));
    }

    private static bool CoversEveryRole(string pattern)
    {
        var parts = pattern.Split(':', 6);
        var partition = parts.Length > 1 && IsLiteral(parts[1]) ? parts[1] : "aws";
        var account = parts.Length > 4 && IsLiteral(parts[4]) && parts[4].Length > 0 ? parts[4] : "123456789012";
        var compiled = ArnPattern.Create(pattern);
        return Probes(partition, account).All(compiled.IsMatch);
    }

    private static IEnumerable<string> Probes(string partition, string account) =>
        ProbeRoleNames.Select(name => $"arn:{partition}:iam::{account}:role/{name}");

    private static bool IsLiteral(string component) =>
        !component.Contains('*', StringComparison.Ordinal) && !component.Contains('?', StringComparison.Ordinal);

    /// <summary>Whether a condition limits <c>iam:PassedToService</c>: not negated, not <c>Null</c>, no <c>*</c> alone under a Like operator.</summary>
    internal static bool LimitsPassedToService(PolicyStatement statement) =>
        statement.Conditions.Any(c =>
            string.Equals(c.Key, LeastPrivilegeStatementBuilder.PassedToServiceKey, StringComparison.OrdinalIgnoreCase)
            && !c.Operator.IsNegated
            && c.Operator.Kind != ConditionOperatorKind.Null
            && !(c.Operator.Kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.ArnLike && c.Values.Any(v => v == "*")));
}
