namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// Principal × role pairs, each with a cause, as groups of principals × roles with one cause: the report then grows with
/// the causes (statements, the groups and policies they are attached through, roles) instead of with the pairs.
/// </summary>
internal static class Factoring
{
    /// <summary>
    /// Groups the pairs so that every principal × role of a group has the group's cause and each pair is in exactly one
    /// group: each principal's roles are split by cause, and the principals with the same roles under the same cause share
    /// a group. Principals and roles are in ordinal order; groups in the order of their first principal, then of the cause's
    /// first appearance. A pair given twice counts once.
    /// </summary>
    /// <typeparam name="TCause">What the pairs of a group share.</typeparam>
    /// <param name="pairs">The pairs, in any order.</param>
    /// <param name="comparer">When two causes are the same.</param>
    /// <returns>The groups.</returns>
    public static List<FactorGroup<TCause>> Factor<TCause>(IEnumerable<(string Principal, string Role, TCause Cause)> pairs, IEqualityComparer<TCause> comparer)
        where TCause : notnull
    {
        var causes = new Dictionary<TCause, int>(comparer);
        var causeList = new List<TCause>();
        var roleIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var roleNames = new List<string>();
        var byPrincipal = new Dictionary<string, Dictionary<int, HashSet<int>>>(StringComparer.Ordinal);
        foreach (var (principal, role, cause) in pairs)
        {
            if (!causes.TryGetValue(cause, out var causeId))
            {
                causeId = causeList.Count;
                causes[cause] = causeId;
                causeList.Add(cause);
            }

            if (!roleIds.TryGetValue(role, out var roleId))
            {
                roleId = roleNames.Count;
                roleIds[role] = roleId;
                roleNames.Add(role);
            }

            if (!byPrincipal.TryGetValue(principal, out var roles))
            {
                roles = [];
                byPrincipal[principal] = roles;
            }

            if (!roles.TryGetValue(causeId, out var set))
            {
                set = [];
                roles[causeId] = set;
            }

            set.Add(roleId);
        }

        // Roles ranked by name once, so a principal's role set is its ranks in order.
        var rank = new int[roleNames.Count];
        var ordered = Enumerable.Range(0, roleNames.Count).Order(Comparer<int>.Create((a, b) => string.CompareOrdinal(roleNames[a], roleNames[b]))).ToArray();
        for (var r = 0; r < ordered.Length; r++)
        {
            rank[ordered[r]] = r;
        }

        var groups = new Dictionary<RoleSet, FactorGroup<TCause>>();
        var result = new List<FactorGroup<TCause>>();
        foreach (var principal in byPrincipal.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var (causeId, set) in byPrincipal[principal].OrderBy(c => c.Key))
            {
                var ranks = set.Select(r => rank[r]).ToArray();
                Array.Sort(ranks);
                var key = new RoleSet(causeId, ranks);
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new FactorGroup<TCause>(causeList[causeId], [], [.. ranks.Select(r => roleNames[ordered[r]])]);
                    groups[key] = group;
                    result.Add(group);
                }

                group.Principals.Add(principal);
            }
        }

        return result;
    }

    /// <summary>A cause and the ranks of its roles, compared by value.</summary>
    private readonly struct RoleSet(int cause, int[] ranks) : IEquatable<RoleSet>
    {
        private readonly int _cause = cause;
        private readonly int[] _ranks = ranks;

        public bool Equals(RoleSet other) => _cause == other._cause && _ranks.AsSpan().SequenceEqual(other._ranks);

        public override bool Equals(object? obj) => obj is RoleSet other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            hash.Add(_cause);
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_ranks.AsSpan()));
            return hash.ToHashCode();
        }
    }
}

/// <summary>Principals × roles that share a cause: every principal with every role.</summary>
/// <typeparam name="TCause">What they share.</typeparam>
/// <param name="Cause">The cause (the first pair's, of those that compare equal).</param>
/// <param name="Principals">The principals, in ordinal order.</param>
/// <param name="Roles">The roles, in ordinal order.</param>
internal sealed record FactorGroup<TCause>(TCause Cause, List<string> Principals, List<string> Roles);
