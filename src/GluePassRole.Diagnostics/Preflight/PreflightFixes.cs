using System.Text;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// The fixes: one least-privilege inline policy for the role with exactly the needs it lacks an allow for (each
/// statement on exactly the needs' resources), and one for the principal's save and run; each verified by deciding its
/// needs again with it. Needs an inline policy cannot grant (a deny, a key or bucket policy, a boundary) are named.
/// </summary>
internal static class PreflightFixes
{
    /// <summary>
    /// The role's fix; a service principal's need the key policy denies (CloudWatch Logs using the security configuration's
    /// key) is named in <see cref="PreflightFix.AlsoRequired"/> with the key-policy statement to add, never applied.
    /// </summary>
    public static PreflightFix? ForRole(EffectivePolicies role, IReadOnlyList<DecidedNeed> needs, string jobName) =>
        Plan(role, [.. needs.Where(n => n.Need.Subject == NeedSubject.Role)], $"GluePreflight-{Sanitize(jobName)}", KeyPolicyGrants(needs));

    public static PreflightFix? ForPrincipal(EffectivePolicies principal, IReadOnlyList<DecidedNeed> needs, string jobArn) =>
        Plan(principal, [.. needs.Where(n => n.Need.Subject == NeedSubject.Principal && n.Spec is not null)], $"AllowSaveAndRun-{Sanitize(ArnText(jobArn))}", []);

    /// <summary>
    /// The key-policy statements the CloudWatch Logs service principal lacks, one per key and service: the statement AWS
    /// Glue documents ("Setting up encryption in AWS Glue"), whose <c>"Resource": "*"</c> in a key policy means the key itself.
    /// </summary>
    internal static IReadOnlyList<string> KeyPolicyGrants(IReadOnlyList<DecidedNeed> needs) =>
        [.. needs
            .Where(n => n.Need.Subject == NeedSubject.Service && n.Spec is { PolicyKind: ResourcePolicyKind.Key, Service: not null } && n.Need.Decision is NeedDecision.ImplicitDeny or NeedDecision.ExplicitDeny)
            .GroupBy(n => (Key: n.Spec!.PolicyResource!, Service: n.Spec.Service!))
            .Select(group =>
            {
                var ids = string.Join(", ", group.Select(n => n.Need.Id));
                if (group.Any(n => n.Need.Decision == NeedDecision.ExplicitDeny))
                {
                    var denies = string.Join("; ", group.SelectMany(n => n.Need.Blockers).Distinct(StringComparer.Ordinal));
                    return $"{ids} ({group.Key.Service} on {group.Key.Key}) is denied by {denies}: remove the deny from the key policy of {group.Key.Key} or make an exception for {group.Key.Service} (not applied by this tool)";
                }

                var statement = new PolicyStatement
                {
                    Sid = "AllowCloudWatchLogsToUseTheKey",
                    Effect = Effect.Allow,
                    Principal = PolicyPrincipal.Of("Service", group.Key.Service),
                    Action = [.. NeedCatalog.LogsServiceKeyPolicyActions],
                    Resource = ["*"],
                };
                return $"{ids} ({group.Key.Service} on {group.Key.Key}) has no allow in the key policy: add to the key policy of {group.Key.Key} (not applied by this tool) the statement {Policies.Internal.PolicyDocumentWriter.WriteStatement(statement, indented: false)}";
            })];

    private static PreflightFix? Plan(EffectivePolicies who, IReadOnlyList<DecidedNeed> needs, string policyName, IReadOnlyList<string> alsoElsewhere)
    {
        // Only an identity-based allow is missing: an inline policy grants exactly that.
        var missing = needs.Where(n => n.Policies is not null && n.Need.Decision == NeedDecision.ImplicitDeny && n.LackingLayer == PolicyType.IdentityBased).ToList();
        var elsewhere = needs.Where(n => n.Need.Decision is NeedDecision.ExplicitDeny || (n.Need.Decision == NeedDecision.ImplicitDeny && n.LackingLayer is not null && n.LackingLayer != PolicyType.IdentityBased)).ToList();
        if (missing.Count == 0 && elsewhere.Count == 0 && alsoElsewhere.Count == 0)
        {
            return null;
        }

        var statements = missing
            .GroupBy(n => (n.Need.Resource, Prefix: n.Spec!.Context.FirstOrDefault(c => c.Key == "s3:prefix").Value))
            .Select(group =>
            {
                var statement = LeastPrivilegeStatementBuilder.Create().Allow()
                    .WithSid(Sid(group.First().Need.Id))
                    .Actions(group.Select(n => n.Need.Action).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                    .Resources(group.Key.Resource);
                if (group.Key.Prefix is { } prefix)
                {
                    statement = statement.Condition("StringLike", "s3:prefix", prefix.Length == 0 ? "*" : prefix + "*");
                }

                return statement.Build();
            })
            .ToList();
        var document = statements.Count == 0 ? null : new PolicyDocument { Version = PolicyDocument.Version2012, Statements = statements };
        var (target, command) = Target(who.Principal, policyName, document);
        var verification = new List<string>();
        var verified = true;
        if (document is not null)
        {
            var source = new PolicySource(who.Principal.Kind == PrincipalKind.IamUser ? PolicySourceKind.UserInline : PolicySourceKind.RoleInline, policyName) { AttachedTo = who.Principal.Name };
            foreach (var need in missing)
            {
                var after = NeedEvaluation.Redecide(need, new SourcedPolicy(document, source));
                verification.Add($"{need.Need.Id}: {need.Need.Decision} -> {after}");
                verified &= after == Decision.Allowed;
            }
        }

        var also = elsewhere.Select(n => $"{n.Need.Id} ({n.Need.Action} on {n.Need.Resource}) is {n.Need.Decision} by {string.Join("; ", n.Need.Blockers)}: "
            + (n.Need.Decision == NeedDecision.ExplicitDeny ? "remove the deny or make an exception for this request" : $"the {Layer(n.LackingLayer)} must allow it")).Concat(alsoElsewhere).ToList();
        return new PreflightFix(target, policyName, document, command)
        {
            Needs = [.. missing.Select(n => n.Need.Id)],
            Verification = verification,
            Verified = document is not null && verified,
            AlsoRequired = also,
        };
    }

    private static string Layer(PolicyType? type) => type switch
    {
        PolicyType.ResourceBased => "resource policy (the key policy or bucket policy)",
        PolicyType.PermissionsBoundary => "permissions boundary",
        PolicyType.ServiceControlPolicy => "service control policy",
        PolicyType.SessionPolicy => "session policy",
        _ => "policy",
    };

    private static (string Target, string Command) Target(ResolvedPrincipal principal, string policyName, PolicyDocument? document)
    {
        var quoted = document is null ? "'{}'" : FixPlanning.Quote(document);
        return principal.Kind switch
        {
            PrincipalKind.IamUser => ($"user {principal.Name}", $"aws iam put-user-policy --user-name {principal.Name} --policy-name {policyName} --policy-document {quoted}"),
            _ => ($"role {principal.Name}", $"aws iam put-role-policy --role-name {principal.Name} --policy-name {policyName} --policy-document {quoted}"),
        };
    }

    private static string Sid(string needId)
    {
        var text = new StringBuilder("Allow");
        var upper = true;
        foreach (var c in needId)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return text.ToString();
    }

    private static string ArnText(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static string Sanitize(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-' ? c : '-')]);
}
