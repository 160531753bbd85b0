using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The PassRole statements without an <c>iam:PassedToService</c> condition (<see cref="AuditFindingCodes.PassRoleWithoutPassedToService"/>):
/// each document analysed once, each statement of each policy reported once with every principal that holds it (a
/// managed policy attached to several roles, a group's policy held by its members).
/// </summary>
internal sealed class BroadPassRoleStatements(AuditContext context, AuditFindings findings)
{
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyDocument, IReadOnlyList<BroadPassRoleAllow>> _broad = new(ReferenceEqualityComparer.Instance);

    /// <summary>Notes that <paramref name="holder"/> holds each statement of <paramref name="policy"/> that lets its roles be passed to any service.</summary>
    public void Add(SourcedPolicy policy, string holder)
    {
        if (!_broad.TryGetValue(policy.Document, out var broad))
        {
            broad = PassRoleAllowAnalysis.FindBroadAllows(policy.Document);
            _broad[policy.Document] = broad;
        }

        foreach (var statement in broad)
        {
            if ((statement.Reasons & BroadPassRoleReasons.AnyService) == 0)
            {
                continue;
            }

            var key = (policy.Source.Arn ?? $"{policy.Source.Kind}/{policy.Source.AttachedTo}/{policy.Source.Name}") + "#" + statement.StatementIndex;
            if (!_held.TryGetValue(key, out var held))
            {
                held = new Held(policy.Source, statement);
                _held[key] = held;
            }

            if (held.Seen.Add(holder))
            {
                held.Holders.Add(holder);
            }
        }
    }

    /// <summary>
    /// Adds one finding per statement, naming its holders: the first few in the message, all of them in
    /// <see cref="AuditFinding.Principals"/>. Per pair (<paramref name="perPair"/>, 0.1's report) the message is 0.1's,
    /// naming the policy as the first holder met holds it; the holders are still all in <see cref="AuditFinding.Principals"/>.
    /// </summary>
    public void Write(bool perPair)
    {
        foreach (var held in _held.Values)
        {
            var source = held.Source;
            var holders = held.Holders.Order(StringComparer.Ordinal).ToList();
            var policy = holders.Count == 1 || perPair
                ? source.ToString()
                : source.Arn is { } arn
                    ? $"{(source.IsAwsManaged ? "AWS managed" : "managed")} policy {source.Name} ({arn}), held by {AuditFindings.Names(holders, "principal")},"
                    : $"{source}, held by {AuditFindings.Names(holders, "principal")},";
            findings.Statement(new AuditFinding(
                context.Account,
                AuditFindingCodes.PassRoleWithoutPassedToService,
                AuditSeverity.Warning,
                $"Statement {held.Statement.Label} of {policy} grants iam:PassRole without an iam:PassedToService condition: the roles it covers can be passed to any service, not only Glue.")
            {
                Policy = source.Arn ?? source.Name,
                Statement = held.Statement.Label,
                Principals = holders,
                Evidence = [held.Statement.Explanation],
            });
        }
    }

    /// <summary>A statement and the principals that hold it, in the order they were met.</summary>
    private sealed class Held(PolicySource source, BroadPassRoleAllow statement)
    {
        public PolicySource Source { get; } = source;

        public BroadPassRoleAllow Statement { get; } = statement;

        public List<string> Holders { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }
}
