namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>The grants of an audit grouped by what grants them (<see cref="PassRoleAuditReport.GrantGroups"/>).</summary>
internal static class GrantGrouping
{
    /// <summary>
    /// The grants as groups of principals × roles whose grants are equal but for the principal and the role, ordered by
    /// the granting statements (where they are attached, the policy, the statement), then by the first principal and role.
    /// </summary>
    public static IReadOnlyList<PassRoleGrantGroup> Group(IReadOnlyList<PassRoleGrant> grants) =>
    [
        .. Factoring.Factor(grants.Select(g => (g.Principal, g.Role, g)), SameButPair.Instance)
            .Select(group => new PassRoleGrantGroup(group.Cause.Account)
            {
                Principals = group.Principals,
                Roles = group.Roles,
                RequiresMfa = group.Cause.RequiresMfa,
                Conditions = group.Cause.Conditions,
                Verdict = group.Cause.Verdict,
                TrustVerdict = group.Cause.TrustVerdict,
                CanRunAsRole = group.Cause.CanRunAsRole,
                RunOperations = group.Cause.RunOperations,
                OtherOperations = group.Cause.OtherOperations,
                GrantedBy = group.Cause.GrantedBy,
            })
            .OrderBy(g => SourcesKey(g.GrantedBy), StringComparer.Ordinal)
            .ThenBy(g => g.Principals[0], StringComparer.Ordinal)
            .ThenBy(g => g.Roles[0], StringComparer.Ordinal),
    ];

    /// <summary>"group developers\u001fAWSGlueConsoleFullAccess\u001f#8\u001e...": the statements in a sortable, comparable key.</summary>
    public static string SourcesKey(IReadOnlyList<GrantSource> sources) =>
        sources.Count == 0 ? "\uffff" : string.Join("\u001e", sources.Select(s => $"{s.Via}\u001f{s.Policy}\u001f{s.Statement}\u001f{s.Kind}"));

    /// <summary>Grants compared on everything but the principal and the role.</summary>
    private sealed class SameButPair : IEqualityComparer<PassRoleGrant>
    {
        public static readonly SameButPair Instance = new();

        public bool Equals(PassRoleGrant? x, PassRoleGrant? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && x.Account == y.Account
                && x.RequiresMfa == y.RequiresMfa
                && x.CanRunAsRole == y.CanRunAsRole
                && x.Verdict == y.Verdict
                && x.TrustVerdict == y.TrustVerdict
                && Same(x.Conditions, y.Conditions)
                && Same(x.RunOperations, y.RunOperations)
                && Same(x.OtherOperations, y.OtherOperations)
                && Same(x.GrantedBy, y.GrantedBy));

        public int GetHashCode(PassRoleGrant obj)
        {
            var hash = default(HashCode);
            hash.Add(obj.Account, StringComparer.Ordinal);
            hash.Add(obj.RequiresMfa);
            hash.Add(obj.CanRunAsRole);
            hash.Add(obj.Verdict, StringComparer.Ordinal);
            hash.Add(obj.TrustVerdict, StringComparer.Ordinal);
            hash.Add(obj.Conditions.Count);
            hash.Add(obj.RunOperations.Count);
            hash.Add(obj.OtherOperations.Count);
            foreach (var source in obj.GrantedBy)
            {
                hash.Add(source);
            }

            return hash.ToHashCode();
        }

        private static bool Same<T>(IReadOnlyList<T> x, IReadOnlyList<T> y) => ReferenceEquals(x, y) || x.SequenceEqual(y);
    }
}
