using System.Globalization;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>Reads the small snapshot files: Glue resources, the caller identity and SCP documents.</summary>
internal static class SmallFileReaders
{
    /// <summary>The largest small file accepted (a <c>get-jobs</c> listing can hold many jobs): 32 MiB.</summary>
    private const long MaxBytes = 32L * 1024 * 1024;

    /// <summary>Parses a whole small JSON file, or says why it cannot be read.</summary>
    public static JsonDocument? Parse(string path, List<SourceError> problems)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16 * 1024);
            if (stream.Length > MaxBytes)
            {
                problems.Add(new SourceError($"The file is larger than {MaxBytes / (1024 * 1024)} MiB.") { Location = path });
                return null;
            }

            if (stream.Length == 0)
            {
                // An interrupted redirect leaves an empty file: say so, not "not valid JSON" or "not in the snapshot".
                problems.Add(new SourceError($"{System.IO.Path.GetFileName(path)} is empty (0 bytes): the command that should have written it failed or was interrupted.") { Location = path });
                return null;
            }

            return JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            problems.Add(new SourceError(JsonErrors.Describe(ex, System.IO.Path.GetFileName(path)) + ".")
            {
                Location = path,
                JsonPath = ex.Path ?? "$",
            });
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new SourceError($"{System.IO.Path.GetFileName(path)} cannot be read: {ex.Message}") { Location = path });
            return null;
        }
    }

    /// <summary>
    /// Reads the output of <c>aws glue get-job</c>, <c>get-jobs</c>, <c>get-crawler</c>, <c>get-crawlers</c>,
    /// <c>get-session</c>, <c>get-dev-endpoint</c>, <c>get-dev-endpoints</c>, <c>get-ml-transform</c> or <c>get-ml-transforms</c>.
    /// </summary>
    public static void ReadGlue(string path, Dictionary<(GlueResourceKind, string), GlueResource> resources, List<SourceError> problems)
    {
        using var json = Parse(path, problems);
        if (json is null)
        {
            return;
        }

        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new SourceError("A Glue file must be a JSON object (the output of aws glue get-job or similar).") { Location = path, JsonPath = "$" });
            return;
        }

        var found = false;
        foreach (var (property, kind, nameKey, roleKey) in new[]
        {
            ("Job", GlueResourceKind.Job, "Name", "Role"),
            ("Jobs", GlueResourceKind.Job, "Name", "Role"),
            ("Crawler", GlueResourceKind.Crawler, "Name", "Role"),
            ("Crawlers", GlueResourceKind.Crawler, "Name", "Role"),
            ("Session", GlueResourceKind.Session, "Id", "Role"),
            ("Sessions", GlueResourceKind.Session, "Id", "Role"),
            ("DevEndpoint", GlueResourceKind.DevEndpoint, "EndpointName", "RoleArn"),
            ("DevEndpoints", GlueResourceKind.DevEndpoint, "EndpointName", "RoleArn"),
            ("Transforms", GlueResourceKind.MLTransform, "TransformId", "Role"),
        })
        {
            if (!root.TryGetProperty(property, out var value))
            {
                continue;
            }

            found = true;
            var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
            for (var i = 0; i < items.Length; i++)
            {
                var where = value.ValueKind == JsonValueKind.Array ? $"$.{property}[{i}]" : $"$.{property}";
                AddGlue(items[i], kind, nameKey, roleKey, path, where, resources, problems);
            }
        }

        // get-ml-transform prints the transform's members at the top level.
        if (root.TryGetProperty("TransformId", out _))
        {
            found = true;
            AddGlue(root, GlueResourceKind.MLTransform, "TransformId", "Role", path, "$", resources, problems);
        }

        if (!found)
        {
            problems.Add(new SourceError("The file holds no Glue job, crawler, session, dev endpoint or ML transform.") { Location = path, JsonPath = "$" });
        }
    }

    private static void AddGlue(
        JsonElement item, GlueResourceKind kind, string nameKey, string roleKey, string path, string where,
        Dictionary<(GlueResourceKind, string), GlueResource> resources, List<SourceError> problems)
    {
        var name = item.ValueKind == JsonValueKind.Object ? String(item, nameKey) : null;
        var role = item.ValueKind == JsonValueKind.Object ? String(item, roleKey) : null;
        if (name is null || role is null)
        {
            problems.Add(new SourceError($"The Glue {kind} has no {(name is null ? nameKey : roleKey)}.") { Location = path, JsonPath = where });
            return;
        }

        var resource = new GlueResource(kind, name, role);
        resources.TryAdd((kind, name), resource);
        if (String(item, "Name") is string displayName && displayName != name)
        {
            resources.TryAdd((kind, displayName), resource);
        }
    }

    /// <summary>Reads the output of <c>aws sts get-caller-identity</c>.</summary>
    public static SourceResult<CallerIdentity> ReadCallerIdentity(string path, List<SourceError> problems)
    {
        using var json = Parse(path, problems);
        if (json is null)
        {
            return SourceResult.Unreadable<CallerIdentity>(problems[^1]);
        }

        var root = json.RootElement;
        if (root.ValueKind == JsonValueKind.Object && String(root, "Account") is string account && String(root, "Arn") is string arn)
        {
            return SourceResult.Found(new CallerIdentity(account, arn) { UserId = String(root, "UserId") });
        }

        var error = new SourceError("The caller identity needs Account and Arn (the output of aws sts get-caller-identity).") { Location = path, JsonPath = "$" };
        problems.Add(error);
        return SourceResult.Unreadable<CallerIdentity>(error);
    }

    /// <summary>
    /// Reads the <c>organizations/</c> folder: one sub-folder per level named <c>&lt;order&gt;-&lt;target id&gt;</c>
    /// (e.g. <c>0-r-ab12</c>, <c>1-ou-ab12-cdef3456</c>, <c>2-111122223333</c>), each holding the SCPs attached there as
    /// <c>aws organizations describe-policy</c> output or as bare policy documents.
    /// </summary>
    public static SourceResult<IReadOnlyList<OrganizationLevel>> ReadOrganizations(string directory, List<SourceError> problems)
    {
        var levels = new List<(int Order, OrganizationLevel Level)>();
        foreach (var levelDirectory in Directory.EnumerateDirectories(directory))
        {
            var folder = System.IO.Path.GetFileName(levelDirectory);
            var dash = folder.IndexOf('-', StringComparison.Ordinal);
            var targetId = dash > 0 ? folder[(dash + 1)..] : string.Empty;
            OrganizationTargetKind? kind = targetId switch
            {
                _ when targetId.StartsWith("r-", StringComparison.Ordinal) => OrganizationTargetKind.Root,
                _ when targetId.StartsWith("ou-", StringComparison.Ordinal) => OrganizationTargetKind.OrganizationalUnit,
                _ when targetId.Length == 12 && targetId.All(char.IsAsciiDigit) => OrganizationTargetKind.Account,
                _ => null,
            };
            if (dash <= 0 || !int.TryParse(folder.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var order) || kind is null)
            {
                var error = new SourceError($"The folder name \"{folder}\" is not <order>-<target id> (e.g. 0-r-ab12, 1-ou-ab12-cdef3456, 2-111122223333).") { Location = levelDirectory };
                problems.Add(error);
                return SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(error);
            }

            var policies = new List<ServiceControlPolicy>();
            foreach (var file in Directory.EnumerateFiles(levelDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                var scp = ReadServiceControlPolicy(file, problems);
                if (!scp.TryGetValue(out var policy))
                {
                    return SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(scp.Error!);
                }

                policies.Add(policy);
            }

            levels.Add((order, new OrganizationLevel(kind.Value, targetId, policies)));
        }

        if (levels.Count == 0)
        {
            return SourceResult.NotFound<IReadOnlyList<OrganizationLevel>>("organization (the snapshot's organizations/ folder is empty: the account is not in one)");
        }

        return SourceResult.Found<IReadOnlyList<OrganizationLevel>>([.. levels.OrderBy(l => l.Order).Select(l => l.Level)]);
    }

    private static SourceResult<ServiceControlPolicy> ReadServiceControlPolicy(string file, List<SourceError> problems)
    {
        using var json = Parse(file, problems);
        if (json is null)
        {
            return SourceResult.Unreadable<ServiceControlPolicy>(problems[^1]);
        }

        var root = json.RootElement;
        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        string? id = null;
        string? arn = null;
        string content;
        var contentPath = "$";
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Policy", out var policy) && policy.ValueKind == JsonValueKind.Object)
        {
            if (policy.TryGetProperty("PolicySummary", out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                name = String(summary, "Name") ?? name;
                id = String(summary, "Id");
                arn = String(summary, "Arn");
            }

            contentPath = "$.Policy.Content";
            content = String(policy, "Content") ?? string.Empty;
        }
        else
        {
            content = root.GetRawText();
        }

        try
        {
            return SourceResult.Found(new ServiceControlPolicy(name, PolicyDocument.Parse(content)) { Id = id, Arn = arn });
        }
        catch (PolicyDocumentException ex)
        {
            var error = new SourceError($"SCP {name} is not a valid policy: {ex.Problem}")
            {
                Location = file,
                JsonPath = contentPath == "$" ? ex.JsonPath : $"{contentPath} ({ex.JsonPath})",
            };
            problems.Add(error);
            return SourceResult.Unreadable<ServiceControlPolicy>(error);
        }
    }

    public static string? String(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
