using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The PassRole statements without an <c>iam:PassedToService</c> condition (<see cref="AuditFindingCodes.PassRoleWithoutPassedToService"/>):
/// each document analysed once, each statement of each attachment reported once.
/// </summary>
internal sealed class BroadPassRoleStatements(AuditContext context, AuditFindings findings)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyDocument, IReadOnlyList<BroadPassRoleAllow>> _broad = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds a finding for each statement of <paramref name="policy"/> that lets its roles be passed to any service, unless already added.</summary>
    public void Add(SourcedPolicy policy)
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
            if (_seen.Add(key))
            {
                findings.Statement(new AuditFinding(
                    context.Account,
                    AuditFindingCodes.PassRoleWithoutPassedToService,
                    AuditSeverity.Warning,
                    $"Statement {statement.Label} of {policy.Source} grants iam:PassRole without an iam:PassedToService condition: the roles it covers can be passed to any service, not only Glue.")
                {
                    Policy = policy.Source.Arn ?? policy.Source.Name,
                    Statement = statement.Label,
                    Evidence = [statement.Explanation],
                });
            }
        }
    }
}
