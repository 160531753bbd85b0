using System.Runtime.InteropServices;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// Streams one page (or the CLI's merged output) of <c>aws iam get-account-authorization-details</c> into
/// <see cref="SnapshotData"/>, one list element at a time. Policy documents may be JSON objects (as the AWS CLI prints
/// them) or URL-encoded strings (as the SDKs return them); only each managed policy's default version is parsed.
/// </summary>
internal static class AuthorizationDetailsReader
{
    private const int FileBufferSize = 64 * 1024;

    public static void Read(string path, SnapshotData data, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            BreakAll(data, new SourceError("The file cannot be opened: " + ex.Message) { Location = path });
            return;
        }

        using (stream)
        using (var scanner = new JsonStreamScanner(stream))
        {
            Read(path, scanner, data, cancellationToken);
        }
    }

    private static void Read(string path, JsonStreamScanner scanner, SnapshotData data, CancellationToken cancellationToken)
    {
        var jsonPath = "$";
        DetailList? current = null;
        var pending = new HashSet<DetailList>(Enum.GetValues<DetailList>());
        var truncated = false;
        try
        {
            if (!scanner.Read() || scanner.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("The file is not a JSON object.");
            }

            while (scanner.Read() && scanner.TokenType == JsonTokenType.PropertyName)
            {
                var property = scanner.Text!;
                jsonPath = "$." + property;
                DetailList? list = property switch
                {
                    "UserDetailList" => DetailList.Users,
                    "GroupDetailList" => DetailList.Groups,
                    "RoleDetailList" => DetailList.Roles,
                    "Policies" => DetailList.Policies,
                    _ => null,
                };

                if (list is not DetailList kind)
                {
                    using var value = scanner.ReadValue();
                    // The API says IsTruncated (with a Marker); the AWS CLI with --max-items prints a NextToken instead.
                    truncated |= property switch
                    {
                        "IsTruncated" => value.RootElement.ValueKind == JsonValueKind.True,
                        "NextToken" => value.RootElement.ValueKind == JsonValueKind.String,
                        _ => false,
                    };
                    continue;
                }

                current = kind;
                pending.Remove(kind);
                if (!scanner.Read() || scanner.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException($"{property} must be an array.");
                }

                data.MarkSeen(kind);
                for (var index = 0; scanner.PeekSignificant() != (byte)']'; index++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    jsonPath = $"$.{property}[{index}]";
                    using var element = scanner.ReadValue();
                    ReadElement(kind, element.RootElement, path, jsonPath, data);
                }

                scanner.Read();
                current = null;
            }

            data.Pages++;
            if (truncated)
            {
                data.TruncatedPages++;
            }
        }
        catch (JsonException ex)
        {
            // The scanner's own exceptions (no line) carry a sentence of ours; the parser's are worded by JsonErrors.
            var message = ex.LineNumber is null
                ? $"{Path.GetFileName(path)}: not valid JSON after byte {scanner.Position} ({ex.Message.TrimEnd('.')})."
                : JsonErrors.Describe(ex, Path.GetFileName(path)) + ".";
            var error = new SourceError(message) { Location = path, JsonPath = jsonPath };
            data.Problems.Add(error);
            if (current is DetailList broken)
            {
                data.MarkBroken(broken, error);
            }

            foreach (var list in pending)
            {
                data.MarkBroken(list, error);
            }
        }
    }

    private static void BreakAll(SnapshotData data, SourceError error)
    {
        data.Problems.Add(error);
        foreach (var list in Enum.GetValues<DetailList>())
        {
            data.MarkBroken(list, error);
        }
    }

    private static void ReadElement(DetailList kind, JsonElement element, string file, string path, SnapshotData data)
    {
        var context = new ElementContext(file, path, data.Documents);
        try
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw context.Invalid(path, "must be an object");
            }

            switch (kind)
            {
                case DetailList.Users:
                    var user = ReadUser(element, context);
                    data.Users.TryAdd(user.User.Name, user);
                    data.AccountId ??= AccountOf(user.User.Arn);
                    break;
                case DetailList.Groups:
                    var group = ReadGroup(element, context);
                    data.Groups.TryAdd(group.Group.Name, group);
                    break;
                case DetailList.Roles:
                    var role = ReadRole(element, context);
                    data.Roles.TryAdd(role.Role.Name, role);
                    data.AccountId ??= AccountOf(role.Role.Arn);
                    break;
                default:
                    var (arn, policy) = ReadPolicy(element, context);
                    data.Policies.TryAdd(arn, policy);
                    break;
            }
        }
        catch (SnapshotFormatException ex)
        {
            // The entry cannot be identified, so the list no longer says which names do not exist.
            data.Problems.Add(ex.Error);
            data.MarkBroken(kind, ex.Error);
        }
    }

    private static UserEntry ReadUser(JsonElement user, ElementContext context)
    {
        var name = context.RequiredString(user, "UserName");
        var arn = context.RequiredString(user, "Arn");
        var model = new IamUser(name, arn)
        {
            Path = OptionalString(user, "Path") ?? "/",
            Id = OptionalString(user, "UserId"),
            PermissionsBoundaryArn = BoundaryArn(user),
            Tags = ReadTags(user),
        };
        var groups = OneOrMany(user, "GroupList").Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).ToArray();
        return new UserEntry(model, groups, ReadInline(user, "UserPolicyList", context), ReadAttached(user, context));
    }

    private static GroupEntry ReadGroup(JsonElement group, ElementContext context)
    {
        var name = context.RequiredString(group, "GroupName");
        var model = new IamGroup(name, context.RequiredString(group, "Arn"))
        {
            Path = OptionalString(group, "Path") ?? "/",
            Id = OptionalString(group, "GroupId"),
        };
        return new GroupEntry(model, ReadInline(group, "GroupPolicyList", context), ReadAttached(group, context));
    }

    private static RoleEntry ReadRole(JsonElement role, ElementContext context)
    {
        var name = context.RequiredString(role, "RoleName");
        var arn = context.RequiredString(role, "Arn");
        var trust = role.TryGetProperty("AssumeRolePolicyDocument", out var document)
            ? context.Document(document, context.Path + ".AssumeRolePolicyDocument")
            : SourceResult.Unreadable<PolicyDocument>(new SourceError($"Role {name} has no AssumeRolePolicyDocument in the snapshot.") { Location = context.File, JsonPath = context.Path });
        var model = new IamRole(name, arn, trust)
        {
            Path = OptionalString(role, "Path") ?? "/",
            Id = OptionalString(role, "RoleId"),
            PermissionsBoundaryArn = BoundaryArn(role),
            Tags = ReadTags(role),
        };
        return new RoleEntry(model, ReadInline(role, "RolePolicyList", context), ReadAttached(role, context));
    }

    private static (string Arn, SourceResult<ManagedPolicy> Policy) ReadPolicy(JsonElement policy, ElementContext context)
    {
        var arn = context.RequiredString(policy, "Arn");
        var name = OptionalString(policy, "PolicyName") ?? arn[(arn.LastIndexOf('/') + 1)..];
        var defaultVersionId = OptionalString(policy, "DefaultVersionId");

        // PolicyVersionList holds every version; the one in force is flagged IsDefaultVersion (and named by DefaultVersionId).
        var versions = OneOrMany(policy, "PolicyVersionList").ToArray();
        var chosenIndex = Array.FindIndex(versions, v => v.ValueKind == JsonValueKind.Object
            && v.TryGetProperty("IsDefaultVersion", out var flag) && flag.ValueKind == JsonValueKind.True);
        if (chosenIndex < 0 && defaultVersionId is not null)
        {
            chosenIndex = Array.FindIndex(versions, v => v.ValueKind == JsonValueKind.Object && OptionalString(v, "VersionId") == defaultVersionId);
        }

        JsonElement? chosen = chosenIndex >= 0 ? versions[chosenIndex] : null;
        if (chosen is not JsonElement defaultVersion || !defaultVersion.TryGetProperty("Document", out var document))
        {
            return (arn, SourceResult.Unreadable<ManagedPolicy>(new SourceError($"Managed policy {name} has no default version document in the snapshot.")
            {
                Location = context.File,
                JsonPath = context.Path + ".PolicyVersionList",
            }));
        }

        var versionId = OptionalString(defaultVersion, "VersionId") ?? defaultVersionId;
        var (parsed, unknown) = context.DocumentParts(document, $"{context.Path}.PolicyVersionList[{chosenIndex}].Document");
        return (arn, parsed.Map(d => new ManagedPolicy(name, arn, d) { VersionId = versionId, UnknownStatements = unknown }));
    }

    /// <summary>Each inline policy on its own: one that cannot be used (no name, a broken or oversized document) is unread, its neighbours are still read.</summary>
    private static InlinePolicyReads ReadInline(JsonElement owner, string property, ElementContext context)
    {
        var policies = new List<InlinePolicy>();
        var unread = new List<UnreadInlinePolicy>();
        var index = 0;
        foreach (var inline in OneOrMany(owner, property))
        {
            var path = $"{context.Path}.{property}[{index++}]";
            var name = inline.ValueKind == JsonValueKind.Object ? OptionalString(inline, "PolicyName") : null;
            if (name is null || !inline.TryGetProperty("PolicyDocument", out var document))
            {
                var problem = name is null ? "An inline policy has no PolicyName or PolicyDocument." : "The snapshot holds no PolicyDocument for it.";
                unread.Add(new UnreadInlinePolicy(name, new SourceError(problem) { Location = context.File, JsonPath = path }));
                continue;
            }

            var (parsed, unknown) = context.DocumentParts(document, path + ".PolicyDocument");
            if (parsed.TryGetValue(out var doc))
            {
                policies.Add(new InlinePolicy(name, doc) { UnknownStatements = unknown });
            }
            else
            {
                unread.Add(new UnreadInlinePolicy(name, parsed.Error!));
            }
        }

        return new InlinePolicyReads(policies, unread);
    }

    private static SourceResult<IReadOnlyList<AttachedPolicy>> ReadAttached(JsonElement owner, ElementContext context)
    {
        var policies = new List<AttachedPolicy>();
        var index = 0;
        foreach (var attached in OneOrMany(owner, "AttachedManagedPolicies"))
        {
            if (attached.ValueKind != JsonValueKind.Object || OptionalString(attached, "PolicyArn") is not string arn)
            {
                return SourceResult.Unreadable<IReadOnlyList<AttachedPolicy>>(new SourceError("An attached managed policy has no PolicyArn.")
                {
                    Location = context.File,
                    JsonPath = $"{context.Path}.AttachedManagedPolicies[{index}]",
                });
            }

            policies.Add(new AttachedPolicy(OptionalString(attached, "PolicyName") ?? arn[(arn.LastIndexOf('/') + 1)..], arn));
            index++;
        }

        return SourceResult.Found<IReadOnlyList<AttachedPolicy>>(policies);
    }

    private static string? BoundaryArn(JsonElement owner) =>
        owner.TryGetProperty("PermissionsBoundary", out var boundary) && boundary.ValueKind == JsonValueKind.Object
            ? OptionalString(boundary, "PermissionsBoundaryArn")
            : null;

    private static IReadOnlyList<IamTag> ReadTags(JsonElement owner) =>
        [.. OneOrMany(owner, "Tags")
            .Where(t => t.ValueKind == JsonValueKind.Object && OptionalString(t, "Key") is not null)
            .Select(t => new IamTag(OptionalString(t, "Key")!, OptionalString(t, "Value") ?? string.Empty))];

    /// <summary>AWS lists are arrays, but some tools print a single member as an object; accept both.</summary>
    private static IEnumerable<JsonElement> OneOrMany(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.Null => [],
            _ => [value],
        };
    }

    private static string? OptionalString(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? AccountOf(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[4].Length == 12 ? parts[4] : null;
    }

    /// <summary>Where an element sits, for error messages.</summary>
    private readonly record struct ElementContext(string File, string Path, DocumentCache Documents)
    {
        public string RequiredString(JsonElement owner, string property) =>
            OptionalString(owner, property) ?? throw Invalid($"{Path}.{property}", "is missing or not a string");

        public SnapshotFormatException Invalid(string path, string problem) =>
            new(new SourceError($"{path} {problem}.") { Location = File, JsonPath = path });

        /// <summary>
        /// Like <see cref="Document"/>, but a document whose only problems are within some statements is read without
        /// them: those statements are returned as unknown, each bounded by its own Action and Resource.
        /// </summary>
        public (SourceResult<PolicyDocument> Document, IReadOnlyList<UnknownStatement> Unknown) DocumentParts(JsonElement document, string path)
        {
            var whole = Document(document, path);
            if (whole.IsFound || document.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
            {
                return (whole, []);
            }

            var text = document.ValueKind == JsonValueKind.Object ? document.GetRawText() : document.GetString()!;
            return PartialPolicyReader.TryRead(text, File, path, out var known, out var unknown)
                ? (SourceResult.Found(known), unknown)
                : (whole, []);
        }

        /// <summary>Parses a policy document given as a JSON object (AWS CLI) or as a string, URL-encoded or not (SDKs).</summary>
        public SourceResult<PolicyDocument> Document(JsonElement document, string path)
        {
            try
            {
                return document.ValueKind switch
                {
                    JsonValueKind.Object => SourceResult.Found(Documents.Parse(JsonMarshal.GetRawUtf8Value(document))),
                    JsonValueKind.String => SourceResult.Found(Documents.Parse(document.GetString()!)),
                    _ => SourceResult.Unreadable<PolicyDocument>(new SourceError($"The policy document is {document.ValueKind}, not an object or a string.") { Location = File, JsonPath = path }),
                };
            }
            catch (PolicyDocumentException ex)
            {
                var inner = ex.JsonPath == "$" ? string.Empty : ex.JsonPath[1..];
                var fullPath = document.ValueKind == JsonValueKind.Object ? path + inner : $"{path} (decoded: {ex.JsonPath})";
                return SourceResult.Unreadable<PolicyDocument>(new SourceError("The policy document is invalid: " + ex.Problem) { Location = File, JsonPath = fullPath });
            }
        }
    }
}

/// <summary>An entry of a snapshot file cannot be used at all.</summary>
internal sealed class SnapshotFormatException(SourceError error) : Exception(error.ToString())
{
    public SourceError Error { get; } = error;
}
