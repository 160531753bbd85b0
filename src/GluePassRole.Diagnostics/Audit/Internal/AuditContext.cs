using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// What every part of one audit shares once the account is named: the account and partition, the run's one
/// <see cref="RequestBuilder"/>, and the per-document caches (each policy filtered to the statements the audit decides,
/// each PassRole statement compiled alone), so a document attached to many principals is worked on once.
/// </summary>
internal sealed class AuditContext(string account, string partition, RequestBuilder builder)
{
    public const string PassRole = "iam:PassRole";

    /// <summary>Every action the audit decides.</summary>
    private static readonly string[] DecidedActions = [PassRole, .. GlueRoleOperations.All, .. HighImpactProbes.All.Select(p => p.Action).Distinct(StringComparer.Ordinal)];

    private readonly Dictionary<PolicyDocument, CompiledPolicySet?[]> _passRoleStatements = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PolicyDocument, PolicyDocument> _relevant = new(ReferenceEqualityComparer.Instance);

    public string Account { get; } = account;

    public string Partition { get; } = partition;

    public RequestBuilder Builder { get; } = builder;

    /// <summary>The probe's resource in this account.</summary>
    public string ProbeResource(HighImpactProbe probe) =>
        probe.Resource.Replace("{partition}", Partition, StringComparison.Ordinal).Replace("{account}", Account, StringComparison.Ordinal);

    /// <summary>
    /// Each Allow statement of a document that covers <c>iam:PassRole</c>, compiled alone (null for the others), shared by
    /// every principal the document is attached to: a grant is explained by the statements that allow it on their own,
    /// which is what the evaluator lists as the deciding identity-based statements of an allowed request.
    /// </summary>
    public CompiledPolicySet?[] PassRoleStatements(SourcedPolicy policy)
    {
        if (!_passRoleStatements.TryGetValue(policy.Document, out var sets))
        {
            var statements = policy.Document.Statements;
            sets = new CompiledPolicySet?[statements.Count];
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].Effect == Effect.Allow && StatementActions.Covers(statements[i], PassRole))
                {
                    var alone = policy.Document with { Statements = [statements[i]] };
                    sets[i] = PolicyEvaluator.Compile(new PolicySet { IdentityPolicies = [new SourcedPolicy(alone, policy.Source)] });
                }
            }

            _passRoleStatements[policy.Document] = sets;
        }

        return sets;
    }

    /// <summary>
    /// The policies with only the statements that cover an action the audit decides (PassRole, the Glue role-taking
    /// operations, the high-impact probes). A decision only ever looks at statements covering its action, so every audit
    /// decision is the same, and compiling a principal costs its few relevant statements, not its hundreds. Each document
    /// is filtered once and shared by every principal it is attached to.
    /// </summary>
    public PolicySet Relevant(PolicySet policies) => policies with
    {
        IdentityPolicies = [.. policies.IdentityPolicies.Select(Relevant)],
        PermissionsBoundary = policies.PermissionsBoundary is { } boundary ? Relevant(boundary) : null,
        ServiceControlPolicies = policies.ServiceControlPolicies?.Select(level => (IReadOnlyList<SourcedPolicy>)[.. level.Select(Relevant)]).ToList(),
    };

    private SourcedPolicy Relevant(SourcedPolicy policy)
    {
        if (!_relevant.TryGetValue(policy.Document, out var relevant))
        {
            var statements = policy.Document.Statements.Where(s => DecidedActions.Any(a => StatementActions.Covers(s, a))).ToList();
            relevant = statements.Count == policy.Document.Statements.Count ? policy.Document : policy.Document with { Statements = statements };
            _relevant[policy.Document] = relevant;
        }

        return ReferenceEquals(relevant, policy.Document) ? policy : policy with { Document = relevant };
    }
}
