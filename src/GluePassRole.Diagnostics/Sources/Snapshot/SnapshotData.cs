namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>The four lists of <c>GetAccountAuthorizationDetails</c>.</summary>
internal enum DetailList
{
    Users,
    Groups,
    Roles,
    Policies,
}

/// <summary>A user as the snapshot holds it.</summary>
internal sealed record UserEntry(
    IamUser User,
    IReadOnlyList<string> Groups,
    InlinePolicyReads Inline,
    SourceResult<IReadOnlyList<AttachedPolicy>> Attached);

/// <summary>A group as the snapshot holds it.</summary>
internal sealed record GroupEntry(
    IamGroup Group,
    InlinePolicyReads Inline,
    SourceResult<IReadOnlyList<AttachedPolicy>> Attached);

/// <summary>A role as the snapshot holds it.</summary>
internal sealed record RoleEntry(
    IamRole Role,
    InlinePolicyReads Inline,
    SourceResult<IReadOnlyList<AttachedPolicy>> Attached);

/// <summary>Everything read from the authorization-details pages, merged.</summary>
internal sealed class SnapshotData
{
    private readonly bool[] _seen = new bool[4];
    private readonly SourceError?[] _broken = new SourceError?[4];

    public Dictionary<string, UserEntry> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, GroupEntry> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, RoleEntry> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SourceResult<ManagedPolicy>> Policies { get; } = new(StringComparer.Ordinal);

    public List<SourceError> Problems { get; } = [];

    /// <summary>Shares one parsed document among identical texts (trust policies repeat across many roles).</summary>
    public DocumentCache Documents { get; } = new();

    /// <summary>Pages read, and pages that said more followed (<c>IsTruncated</c> true or a <c>NextToken</c>).</summary>
    public int Pages { get; set; }

    public int TruncatedPages { get; set; }

    public string? AccountId { get; set; }

    public void MarkSeen(DetailList list) => _seen[(int)list] = true;

    /// <summary>Records that a list is incomplete: entries absent from it are then unknown rather than not found.</summary>
    public void MarkBroken(DetailList list, SourceError error) => _broken[(int)list] ??= error;

    /// <summary>Why an entry absent from <paramref name="list"/> may still exist, or <see langword="null"/> when the list is complete.</summary>
    public SourceError? WhyIncomplete(DetailList list)
    {
        if (_broken[(int)list] is { } broken)
        {
            return new SourceError("The snapshot's " + Name(list) + " is incomplete: " + broken.Message) { Location = broken.Location, JsonPath = broken.JsonPath };
        }

        if (!_seen[(int)list])
        {
            return new SourceError($"The snapshot has no {Name(list)} (was get-account-authorization-details run with --filter?).");
        }

        if (Pages > 0 && TruncatedPages == Pages)
        {
            return new SourceError("Every get-account-authorization-details page in the snapshot says more pages follow (IsTruncated); the last page is missing.");
        }

        return null;
    }

    public static string Name(DetailList list) => list switch
    {
        DetailList.Users => "UserDetailList",
        DetailList.Groups => "GroupDetailList",
        DetailList.Roles => "RoleDetailList",
        _ => "Policies",
    };
}
