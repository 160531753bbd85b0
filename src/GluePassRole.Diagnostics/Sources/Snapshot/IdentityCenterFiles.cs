using System.Text.Json;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// The snapshot's IAM Identity Center files: <c>sso-admin-list-instances.json</c> (<c>aws sso-admin list-instances</c>),
/// <c>sso-admin-describe-permission-set-&lt;name&gt;.json</c> (<c>aws sso-admin describe-permission-set</c>) and, optionally,
/// <c>sso-admin-list-permission-sets*.json</c> (<c>aws sso-admin list-permission-sets</c>), which lets a name missing from
/// the described sets be answered "not found" rather than unknown.
/// </summary>
internal sealed class IdentityCenterFiles
{
    public const string InstancesFile = "sso-admin-list-instances.json";
    public const string ListPattern = "sso-admin-list-permission-sets*.json";
    public const string DescribePattern = "sso-admin-describe-permission-set-*.json";

    private const string HowTo =
        "aws sso-admin list-instances > " + InstancesFile
        + "; aws sso-admin describe-permission-set --instance-arn INSTANCE --permission-set-arn ARN > sso-admin-describe-permission-set-NAME.json";

    private readonly SourceResult<IReadOnlyList<string>> _instances;
    private readonly Dictionary<string, string> _permissionSets;
    private readonly HashSet<string>? _listed;
    private readonly List<SourceError> _unreadable;

    private IdentityCenterFiles(SourceResult<IReadOnlyList<string>> instances, Dictionary<string, string> permissionSets, HashSet<string>? listed, List<SourceError> unreadable)
    {
        _instances = instances;
        _permissionSets = permissionSets;
        _listed = listed;
        _unreadable = unreadable;
    }

    /// <summary>Reads the files; what cannot be read is added to <paramref name="problems"/> and makes the answers it might hold unknown.</summary>
    public static IdentityCenterFiles Read(string? instancesFile, IReadOnlyList<string> lists, IReadOnlyList<string> describes, List<SourceError> problems)
    {
        var instances = instancesFile is not null
            ? ReadInstances(instancesFile, problems)
            : SourceResult.Unreadable<IReadOnlyList<string>>(new SourceError(lists.Count + describes.Count == 0
                ? $"The snapshot has no sso-admin files, so the IAM Identity Center instance and permission set ARNs are unknown ({HowTo})."
                : $"The snapshot has no {InstancesFile}, so the IAM Identity Center instance ARN is unknown (aws sso-admin list-instances > {InstancesFile})."));

        var unreadable = new List<SourceError>();
        var permissionSets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in describes)
        {
            if (ReadDescribed(file, problems) is { } described)
            {
                permissionSets.TryAdd(described.Name, described.Arn);
            }
            else
            {
                unreadable.Add(problems[^1]);
            }
        }

        HashSet<string>? listed = lists.Count == 0 ? null : new(StringComparer.Ordinal);
        foreach (var file in lists)
        {
            if (!ReadListed(file, listed!, problems))
            {
                unreadable.Add(problems[^1]);
            }
        }

        return new IdentityCenterFiles(instances, permissionSets, listed, unreadable);
    }

    /// <summary>The permission set named <paramref name="name"/> and its instance, or why the snapshot cannot say.</summary>
    public SourceResult<IdentityCenterPermissionSet> Find(string name)
    {
        if (!_instances.TryGetValue(out var instances))
        {
            return SourceResult.Unreadable<IdentityCenterPermissionSet>(_instances.Error!);
        }

        if (instances.Count == 0)
        {
            return SourceResult.NotFound<IdentityCenterPermissionSet>($"IAM Identity Center instance ({InstancesFile} lists none)");
        }

        if (_permissionSets.TryGetValue(name, out var arn))
        {
            // A permission set ARN names its instance: arn:aws:sso:::permissionSet/ssoins-<id>/ps-<id>.
            var instance = instances.FirstOrDefault(i => arn.Contains("/" + InstanceId(i) + "/", StringComparison.Ordinal));
            return instance is not null
                ? SourceResult.Found(new IdentityCenterPermissionSet(name, instance, arn))
                : SourceResult.Unreadable<IdentityCenterPermissionSet>(new SourceError(
                    $"Permission set {name} ({arn}) belongs to none of the instances in {InstancesFile} ({string.Join(", ", instances)})."));
        }

        if (_unreadable.Count > 0)
        {
            return SourceResult.Unreadable<IdentityCenterPermissionSet>(_unreadable[0] with
            {
                Message = $"Permission set {name} is not among the snapshot's described permission sets, and a sso-admin file that may hold it could not be read: {_unreadable[0].Message}",
            });
        }

        var undescribed = _listed?.Where(a => !_permissionSets.ContainsValue(a)).Order(StringComparer.Ordinal).ToList();
        if (undescribed is { Count: 0 })
        {
            return SourceResult.NotFound<IdentityCenterPermissionSet>($"permission set {name} in instance {string.Join(" or ", instances)}");
        }

        return SourceResult.Unreadable<IdentityCenterPermissionSet>(new SourceError(undescribed is null
            ? $"Permission set {name} has no sso-admin-describe-permission-set-{name}.json in the snapshot, and without {ListPattern.Replace("*", string.Empty, StringComparison.Ordinal)} the snapshot cannot say it does not exist (aws sso-admin describe-permission-set --instance-arn INSTANCE --permission-set-arn ARN > sso-admin-describe-permission-set-{name}.json)."
            : $"Permission set {name} is not among the described permission sets, but {undescribed.Count} listed permission set{(undescribed.Count == 1 ? " has" : "s have")} no describe-permission-set file ({string.Join(", ", undescribed)}): it may be one of them."));
    }

    private static string InstanceId(string instanceArn) => instanceArn[(instanceArn.LastIndexOf('/') + 1)..];

    private static SourceResult<IReadOnlyList<string>> ReadInstances(string file, List<SourceError> problems)
    {
        using var json = SmallFileReaders.Parse(file, problems);
        if (json is null)
        {
            return SourceResult.Unreadable<IReadOnlyList<string>>(problems[^1]);
        }

        if (json.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("Instances", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Broken<IReadOnlyList<string>>(file, "$", "The file has no Instances list (the output of aws sso-admin list-instances).", problems);
        }

        var arns = new List<string>();
        var index = 0;
        foreach (var instance in list.EnumerateArray())
        {
            if (SmallFileReaders.String(instance, "InstanceArn") is not { } arn)
            {
                return Broken<IReadOnlyList<string>>(file, $"$.Instances[{index}]", "The instance has no InstanceArn.", problems);
            }

            arns.Add(arn);
            index++;
        }

        return SourceResult.Found<IReadOnlyList<string>>(arns);
    }

    private static (string Name, string Arn)? ReadDescribed(string file, List<SourceError> problems)
    {
        using var json = SmallFileReaders.Parse(file, problems);
        if (json is null)
        {
            return null;
        }

        if (json.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("PermissionSet", out var set) || set.ValueKind != JsonValueKind.Object)
        {
            Broken<string>(file, "$", "The file has no PermissionSet object (the output of aws sso-admin describe-permission-set).", problems);
            return null;
        }

        if (SmallFileReaders.String(set, "Name") is not { } name || SmallFileReaders.String(set, "PermissionSetArn") is not { } arn)
        {
            Broken<string>(file, "$.PermissionSet", "The permission set needs Name and PermissionSetArn.", problems);
            return null;
        }

        return (name, arn);
    }

    private static bool ReadListed(string file, HashSet<string> listed, List<SourceError> problems)
    {
        using var json = SmallFileReaders.Parse(file, problems);
        if (json is null)
        {
            return false;
        }

        if (json.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("PermissionSets", out var list) || list.ValueKind != JsonValueKind.Array
            || list.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            Broken<string>(file, "$", "The file has no PermissionSets list of ARNs (the output of aws sso-admin list-permission-sets).", problems);
            return false;
        }

        listed.UnionWith(list.EnumerateArray().Select(a => a.GetString()!));
        return true;
    }

    private static SourceResult<T> Broken<T>(string file, string jsonPath, string message, List<SourceError> problems)
        where T : notnull
    {
        var error = new SourceError($"{System.IO.Path.GetFileName(file)}: {message}") { Location = file, JsonPath = jsonPath };
        problems.Add(error);
        return SourceResult.Unreadable<T>(error);
    }
}
