using System.Text.Json;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Iac.Internal.Terraform;

/// <summary>
/// Reads a Terraform plan in the JSON output format (<c>terraform show -json plan.out</c>; Terraform docs, "JSON Output
/// Format"): each entry of <c>resource_changes</c> that is not being deleted, with its <c>change.after</c> values and
/// <c>change.after_unknown</c> ("known after apply") marks, in any module. An attribute known only after apply is
/// resolved when the <c>configuration</c> shows it is a plain reference to an IAM resource of the same plan whose name
/// is known (e.g. <c>aws_iam_policy.x.arn</c>); otherwise it is unknown.
/// </summary>
internal sealed class TerraformPlanReader
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
        "aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_user_policy", "aws_iam_user_policy_attachment",
        "aws_iam_group_membership", "aws_iam_user_group_membership", "aws_iam_policy_attachment",
        "aws_glue_job", "aws_glue_crawler", "aws_glue_dev_endpoint", "aws_glue_ml_transform",
        "aws_s3_bucket", "aws_s3_bucket_policy", "aws_kms_key", "aws_glue_security_configuration", "aws_glue_connection",
    };

    private readonly IacModel _model;
    private readonly string _file;
    private readonly Dictionary<string, JsonElement> _configuration = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Change> _changes = new(StringComparer.Ordinal);

    private TerraformPlanReader(IacModel model, string file)
    {
        _model = model;
        _file = file;
    }

    public static void Read(IacModel model, string file, long maxBytes)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The file does not exist: {file}", file);
        }

        if (info.Length > maxBytes)
        {
            throw new IacTemplateException($"The plan is {info.Length:N0} bytes, over the limit of {maxBytes:N0} bytes.", file, null, "$");
        }

        try
        {
            using var stream = File.OpenRead(file);
            using var json = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 128 });
            new TerraformPlanReader(model, file).Read(json.RootElement);
        }
        catch (JsonException e)
        {
            throw new IacTemplateException($"The file is {JsonErrors.Describe(e)}.", file, (int)(e.LineNumber ?? 0) + 1, e.Path, e);
        }

        model.Files.Add(file);
        model.Formats[file] = GluePassRole.Diagnostics.Fixes.TemplateChangeFormat.Hcl;
    }

    private void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format_version", out _))
        {
            throw new IacTemplateException("Not a Terraform JSON plan (no format_version): write it with terraform show -json plan.out.", _file, 1, "$");
        }

        if (!root.TryGetProperty("resource_changes", out var changes))
        {
            return;
        }

        if (root.TryGetProperty("configuration", out var configuration) && configuration.TryGetProperty("root_module", out var rootModule))
        {
            IndexConfiguration(rootModule, string.Empty);
        }

        var index = 0;
        foreach (var change in changes.EnumerateArray())
        {
            var path = $"$.resource_changes[{index++}]";
            if (Str(change, "mode") != "managed" || Str(change, "type") is not { } type || !Types.Contains(type))
            {
                continue;
            }

            var body = change.GetProperty("change");
            var actions = body.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
            if (actions is ["delete"])
            {
                continue;
            }

            var address = Str(change, "address")!;
            _changes[address] = new Change(address, type, Str(change, "module_address") ?? string.Empty, Str(change, "name")!, body.GetProperty("after"),
                body.TryGetProperty("after_unknown", out var unknown) ? unknown : default, path);
        }

        // Entities first, so that policies and attachments can find the names they refer to.
        foreach (var change in _changes.Values.OrderBy(c => c.Type is "aws_iam_role" or "aws_iam_user" or "aws_iam_group" or "aws_iam_policy" ? 0 : 1))
        {
            ReadResource(change);
        }
    }

    private void IndexConfiguration(JsonElement module, string prefix)
    {
        if (module.TryGetProperty("resources", out var resources))
        {
            foreach (var resource in resources.EnumerateArray())
            {
                _configuration[prefix + Str(resource, "address")] = resource;
            }
        }

        if (module.TryGetProperty("module_calls", out var calls))
        {
            foreach (var call in calls.EnumerateObject())
            {
                if (call.Value.TryGetProperty("module", out var child))
                {
                    IndexConfiguration(child, $"{prefix}module.{call.Name}.");
                }
            }
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void ReadResource(Change c)
    {
        var origin = new IacOrigin(_file, c.Address, null);
        _model.ResourceTypes[(_file, c.Address)] = c.Type;
        switch (c.Type)
        {
            case "aws_iam_role":
                Entity(c, origin, IamEntityKind.Role, "role");
                break;
            case "aws_iam_user":
                Entity(c, origin, IamEntityKind.User, "user");
                break;
            case "aws_iam_group":
                Entity(c, origin, IamEntityKind.Group, "group");
                break;
            case "aws_iam_policy":
                ManagedPolicy(c, origin);
                break;
            case "aws_iam_role_policy":
                Inline(c, origin, IamEntityKind.Role, "role");
                break;
            case "aws_iam_group_policy":
                Inline(c, origin, IamEntityKind.Group, "group");
                break;
            case "aws_iam_user_policy":
                Inline(c, origin, IamEntityKind.User, "user");
                break;
            case "aws_iam_role_policy_attachment":
                Attachment(c, origin, IamEntityKind.Role, "role");
                break;
            case "aws_iam_group_policy_attachment":
                Attachment(c, origin, IamEntityKind.Group, "group");
                break;
            case "aws_iam_user_policy_attachment":
                Attachment(c, origin, IamEntityKind.User, "user");
                break;
            case "aws_iam_policy_attachment":
                foreach (var (kind, attribute) in new[] { (IamEntityKind.Role, "roles"), (IamEntityKind.Group, "groups"), (IamEntityKind.User, "users") })
                {
                    foreach (var target in List(c, attribute, origin, kind))
                    {
                        AttachTo(c, origin, kind, target);
                    }
                }

                break;
            case "aws_iam_group_membership":
                var group = Value(c, "group", origin);
                foreach (var user in List(c, "users", origin, IamEntityKind.User))
                {
                    Membership(user, group, origin.At("group"));
                }

                break;
            case "aws_iam_user_group_membership":
                var member = Value(c, "user", origin);
                if (member.Text is null)
                {
                    _model.AddUnknownTarget(IamEntityKind.User, member.Unknown!);
                    break;
                }

                var groups = _model.Target(IamEntityKind.User, member.Text);
                if (Known(c, "groups") is { ValueKind: JsonValueKind.Array } list)
                {
                    var i = 0;
                    foreach (var g in list.EnumerateArray())
                    {
                        groups.GroupMemberships.Add((g.GetString()!, origin.At($"groups[{i++}]")));
                    }
                }
                else
                {
                    groups.GroupsUnknown.Add(Remember(Unknown(c, "groups", origin)));
                }

                break;
            case "aws_glue_job":
                Glue(c, origin, GlueResourceKind.Job, "role_arn");
                JobDefinition(c, origin);
                break;
            case "aws_s3_bucket":
                if (Known(c, "bucket") is { ValueKind: JsonValueKind.String } bucket)
                {
                    _model.BucketPolicies.TryAdd(bucket.GetString()!, SourceResult.Found(new Preflight.ResourcePolicy(null) { Location = origin.ToString(), OwnerAccount = _model.AccountId }));
                }

                break;
            case "aws_s3_bucket_policy":
                if (Known(c, "bucket") is { ValueKind: JsonValueKind.String } policyBucket)
                {
                    _model.BucketPolicies[policyBucket.GetString()!] = ResourcePolicy(c, origin, "policy", $"the bucket policy of {policyBucket.GetString()}");
                }

                break;
            case "aws_kms_key":
                // A key's ARN is known only after apply; a key named by its ARN elsewhere (a data source, an existing key) is not this one.
                if (Known(c, "arn") is { ValueKind: JsonValueKind.String } keyArn)
                {
                    _model.KeyPolicies[keyArn.GetString()!] = ResourcePolicy(c, origin, "policy", $"the key policy of {c.Address}");
                }

                break;
            case "aws_glue_security_configuration":
                SecurityConfiguration(c);
                break;
            case "aws_glue_connection":
                Connection(c);
                break;
            case "aws_glue_crawler":
                Glue(c, origin, GlueResourceKind.Crawler, "role");
                break;
            case "aws_glue_dev_endpoint":
                Glue(c, origin, GlueResourceKind.DevEndpoint, "role_arn");
                break;
            case "aws_glue_ml_transform":
                Glue(c, origin, GlueResourceKind.MLTransform, "role_arn");
                break;
        }
    }

    private void Entity(Change c, IacOrigin origin, IamEntityKind kind, string arnType)
    {
        var name = Value(c, "name", origin);
        var path = Value(c, "path", origin).Text ?? "/";
        var entityName = name.Text;
        if (entityName is null)
        {
            entityName = (Known(c, "name_prefix")?.GetString() ?? "terraform-") + "GENERATED";
            _model.Notes.Add($"{origin}: the name of {c.Address} is known only after apply; evaluated as {entityName}.");
        }

        _model.Aliases[c.Address] = entityName;
        var entity = new ModelEntity(kind, entityName, origin)
        {
            Arn = _model.Arn(arnType, path, entityName),
            Path = path,
            TrustPolicy = kind == IamEntityKind.Role ? Trust(c, origin) : null,
            Tags = Known(c, "tags") is { ValueKind: JsonValueKind.Object } tags
                ? [.. tags.EnumerateObject().Select(t => new IamTag(t.Name, t.Value.ToString()))]
                : [],
        };
        if (c.After.TryGetProperty("permissions_boundary", out var boundary) && boundary.ValueKind == JsonValueKind.String && boundary.GetString() is { Length: > 0 } b)
        {
            entity.BoundaryArn = b;
        }
        else if (IsUnknown(c, "permissions_boundary"))
        {
            entity.BoundaryArn = Value(c, "permissions_boundary", origin) is { Text: { } resolved } ? resolved : _model.UnknownPolicyArn(Unknown(c, "permissions_boundary", origin));
        }

        if (kind == IamEntityKind.Role)
        {
            RoleInline(c, entity, origin);
            if (Known(c, "managed_policy_arns") is { ValueKind: JsonValueKind.Array } arns)
            {
                foreach (var arn in arns.EnumerateArray().Select(a => a.GetString()!))
                {
                    entity.Attached.Add((new AttachedPolicy(arn[(arn.LastIndexOf('/') + 1)..], arn), origin.At("managed_policy_arns")));
                }
            }
            else if (IsUnknown(c, "managed_policy_arns") && Configured(c, "managed_policy_arns"))
            {
                entity.AttachedUnknown.Add(Remember(Unknown(c, "managed_policy_arns", origin)));
            }
        }

        _model.Define(entity);
    }

    private SourceResult<PolicyDocument> Trust(Change c, IacOrigin origin)
    {
        var trust = Document(c, "assume_role_policy", origin);
        return trust.Text is { } json
            ? SourceResult.Found(Parse(json, c, "assume_role_policy"))
            : SourceResult.Unreadable<PolicyDocument>(Remember(trust.Unknown!).ToSourceError());
    }

    private void RoleInline(Change c, ModelEntity role, IacOrigin origin)
    {
        if (c.After.TryGetProperty("inline_policy", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            var unknownBlocks = c.AfterUnknown.ValueKind == JsonValueKind.Object && c.AfterUnknown.TryGetProperty("inline_policy", out var u) ? u : default;
            var i = 0;
            foreach (var block in blocks.EnumerateArray())
            {
                var marks = unknownBlocks.ValueKind == JsonValueKind.Array && unknownBlocks.GetArrayLength() > i ? unknownBlocks[i] : default;
                var policyUnknown = marks.ValueKind == JsonValueKind.Object && marks.TryGetProperty("policy", out var pu) && pu.ValueKind == JsonValueKind.True;
                var name = Str(block, "name") ?? $"{c.Name}-{i}";
                if (Str(block, "policy") is { Length: > 0 } json && !policyUnknown)
                {
                    role.Inline.Add((new InlinePolicy(name, Parse(json, c, $"inline_policy[{i}].policy")), origin.At($"inline_policy[{i}]")));
                }
                else if (policyUnknown)
                {
                    var references = References(c, "inline_policy", i, "policy");
                    var refersTo = references.Count == 0 ? string.Empty : $" (it refers to {string.Join(", ", references)})";
                    role.InlineUnknown.Add(Remember(new IacUnknown(origin.At($"inline_policy[{i}].policy"), $"the policy is known only after apply{refersTo}")));
                }

                i++;
            }
        }
        else if (IsUnknown(c, "inline_policy") && Configured(c, "inline_policy"))
        {
            role.InlineUnknown.Add(Remember(Unknown(c, "inline_policy", origin)));
        }
    }

    private void ManagedPolicy(Change c, IacOrigin origin)
    {
        var name = Value(c, "name", origin).Text;
        if (name is null)
        {
            _model.Unknowns.Add(Unknown(c, "name", origin));
            return;
        }

        var path = Value(c, "path", origin).Text ?? "/";
        var arn = _model.Arn("policy", path, name);
        _model.Aliases[c.Address] = arn;
        var document = Document(c, "policy", origin);
        _model.Policies[arn] = new ModelManagedPolicy(name, arn, origin,
            document.Text is { } json ? Parse(json, c, "policy") : null, document.Text is null ? Remember(document.Unknown!) : null);
    }

    private void Inline(Change c, IacOrigin origin, IamEntityKind kind, string targetAttribute)
    {
        var target = Value(c, targetAttribute, origin);
        if (target.Text is null)
        {
            _model.AddUnknownTarget(kind, target.Unknown!);
            return;
        }

        var entity = _model.Target(kind, target.Text);
        var name = Value(c, "name", origin).Text ?? c.Name;
        var document = Document(c, "policy", origin);
        if (document.Text is { } json)
        {
            entity.Inline.Add((new InlinePolicy(name, Parse(json, c, "policy")), origin.At("policy")));
        }
        else
        {
            entity.InlineUnknown.Add(Remember(document.Unknown!));
        }
    }

    private void Attachment(Change c, IacOrigin origin, IamEntityKind kind, string targetAttribute)
    {
        var target = Value(c, targetAttribute, origin);
        if (target.Text is null)
        {
            _model.AddUnknownTarget(kind, target.Unknown!);
            return;
        }

        AttachTo(c, origin, kind, target.Text);
    }

    private void AttachTo(Change c, IacOrigin origin, IamEntityKind kind, string targetName)
    {
        var entity = _model.Target(kind, targetName);
        var arn = Value(c, "policy_arn", origin);
        if (arn.Text is { } text)
        {
            entity.Attached.Add((new AttachedPolicy(text[(text.LastIndexOf('/') + 1)..], text), origin.At("policy_arn")));
        }
        else
        {
            entity.AttachedUnknown.Add(Remember(arn.Unknown!));
        }
    }

    private void Membership(string user, (string? Text, IacUnknown? Unknown) group, IacOrigin origin)
    {
        var entity = _model.Target(IamEntityKind.User, user);
        if (group.Text is { } name)
        {
            entity.GroupMemberships.Add((name, origin));
        }
        else
        {
            entity.GroupsUnknown.Add(Remember(group.Unknown!));
        }
    }

    private IEnumerable<string> List(Change c, string attribute, IacOrigin origin, IamEntityKind kind)
    {
        if (Known(c, attribute) is { ValueKind: JsonValueKind.Array } list)
        {
            return [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }

        if (IsUnknown(c, attribute))
        {
            _model.AddUnknownTarget(kind, Unknown(c, attribute, origin));
        }

        return [];
    }

    private void Glue(Change c, IacOrigin origin, GlueResourceKind kind, string roleAttribute)
    {
        var name = Value(c, "name", origin).Text ?? c.Address;
        _model.Aliases[c.Address] = name;
        var role = Value(c, roleAttribute, origin);
        _model.Glue[(kind, name)] = new ModelGlue(kind, name, role.Text, origin, role.Text is null ? Remember(role.Unknown!) : null)
        {
            RoleOrigin = origin.At(roleAttribute),
        };
    }

    /// <summary>What a job does at run time, for preflight (command, arguments, connections, security configuration).</summary>
    private void JobDefinition(Change c, IacOrigin origin)
    {
        if (!_model.Aliases.TryGetValue(c.Address, out var name) || !_model.Glue.TryGetValue((GlueResourceKind.Job, name), out var job) || job.Role is not { } role)
        {
            return;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in (string[])["default_arguments", "non_overridable_arguments"])
        {
            if (Known(c, attribute) is { ValueKind: JsonValueKind.Object } values)
            {
                foreach (var argument in values.EnumerateObject().Where(a => a.Value.ValueKind == JsonValueKind.String))
                {
                    arguments[argument.Name] = argument.Value.GetString()!;
                }
            }
        }

        _model.JobDefinitions[name] = new Preflight.GlueJobDefinition(name, role)
        {
            ScriptLocation = Known(c, "command") is { ValueKind: JsonValueKind.Array } command && command.GetArrayLength() > 0
                && command[0].TryGetProperty("script_location", out var script) && script.ValueKind == JsonValueKind.String ? script.GetString() : null,
            Arguments = arguments,
            Connections = Known(c, "connections") is { ValueKind: JsonValueKind.Array } connections
                ? [.. connections.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]
                : [],
            SecurityConfiguration = Known(c, "security_configuration") is { ValueKind: JsonValueKind.String } security ? security.GetString() : null,
            Exists = false,
            Location = origin.ToString(),
        };
    }

    private SourceResult<Preflight.ResourcePolicy> ResourcePolicy(Change c, IacOrigin origin, string attribute, string subject)
    {
        var value = Value(c, attribute, origin);
        if (value.Text is not { } json)
        {
            return SourceResult.Unreadable<Preflight.ResourcePolicy>(new SourceError($"{subject} is known only after apply.") { Location = origin.ToString() });
        }

        try
        {
            return SourceResult.Found(new Preflight.ResourcePolicy(PolicyDocument.Parse(json, Policies.Evaluation.PolicyType.ResourceBased)) { Location = origin.At(attribute).ToString(), OwnerAccount = _model.AccountId });
        }
        catch (PolicyDocumentException e)
        {
            throw new IacTemplateException($"{c.Address}.{attribute} is not a valid resource policy: {e.Message}", _file, null, $"{c.Path}.change.after.{attribute}", e);
        }
    }

    private void SecurityConfiguration(Change c)
    {
        if (Known(c, "name") is not { ValueKind: JsonValueKind.String } nameValue)
        {
            return;
        }

        static JsonElement? First(JsonElement? list) => list is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array[0] : null;
        static string? Text(JsonElement? owner, string property) =>
            owner is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var encryption = First(Known(c, "encryption_configuration"));
        JsonElement? Block(string property) => encryption is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var v) ? First(v) : null;
        var s3 = Block("s3_encryption");
        var logs = Block("cloudwatch_encryption");
        var bookmarks = Block("job_bookmarks_encryption");
        var name = nameValue.GetString()!;
        _model.SecurityConfigurations[name] = new Preflight.GlueSecurityConfiguration(name)
        {
            S3EncryptionMode = Text(s3, "s3_encryption_mode"),
            S3KmsKeyArn = Text(s3, "kms_key_arn"),
            CloudWatchEncryptionMode = Text(logs, "cloudwatch_encryption_mode"),
            CloudWatchKmsKeyArn = Text(logs, "kms_key_arn"),
            JobBookmarksEncryptionMode = Text(bookmarks, "job_bookmarks_encryption_mode"),
            JobBookmarksKmsKeyArn = Text(bookmarks, "kms_key_arn"),
        };
    }

    private void Connection(Change c)
    {
        if (Known(c, "name") is not { ValueKind: JsonValueKind.String } nameValue)
        {
            return;
        }

        var name = nameValue.GetString()!;
        var properties = Known(c, "connection_properties");
        var physical = Known(c, "physical_connection_requirements") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? list[0] : (JsonElement?)null;
        _model.Connections[name] = new Preflight.GlueConnection(name)
        {
            ConnectionType = Known(c, "connection_type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : null,
            SecretId = properties is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("SECRET_ID", out var secret) && secret.ValueKind == JsonValueKind.String ? secret.GetString() : null,
            SubnetId = physical is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("subnet_id", out var subnet) && subnet.ValueKind == JsonValueKind.String ? subnet.GetString() : null,
        };
    }

    private PolicyDocument Parse(string json, Change c, string attribute)
    {
        try
        {
            return PolicyDocument.Parse(json);
        }
        catch (PolicyDocumentException e)
        {
            throw new IacTemplateException($"{c.Address}.{attribute} is not a valid policy document: {e.Message}", _file, null, $"{c.Path}.change.after.{attribute}", e);
        }
    }

    private IacUnknown Remember(IacUnknown unknown)
    {
        if (!_model.Unknowns.Contains(unknown))
        {
            _model.Unknowns.Add(unknown);
        }

        return unknown;
    }

    private static JsonElement? Known(Change c, string attribute) =>
        c.After.ValueKind == JsonValueKind.Object && c.After.TryGetProperty(attribute, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool IsUnknown(Change c, string attribute) =>
        c.AfterUnknown.ValueKind == JsonValueKind.Object && c.AfterUnknown.TryGetProperty(attribute, out var mark) && mark.ValueKind == JsonValueKind.True;

    private static IacUnknown Unknown(Change c, string attribute, IacOrigin origin) =>
        new(origin.At(attribute), $"{c.Address}.{attribute} is known only after apply");

    /// <summary>A string attribute: known in the plan, resolved through a plain reference in the configuration, or unknown.</summary>
    private (string? Text, IacUnknown? Unknown) Value(Change c, string attribute, IacOrigin origin)
    {
        if (Known(c, attribute) is { ValueKind: JsonValueKind.String } value)
        {
            return (value.GetString(), null);
        }

        if (!IsUnknown(c, attribute))
        {
            return (null, null);
        }

        return Reference(c, attribute) is { } resolved ? (resolved, null) : (null, Unknown(c, attribute, origin));
    }

    /// <summary>
    /// A policy document: known in the plan, or unknown, naming what its expression refers to. A document is never a
    /// plain reference to an IAM attribute (<c>jsonencode({... Resource = aws_iam_role.x.arn})</c> lists the same
    /// references as <c>aws_iam_role.x.arn</c> alone), so the references are not resolved as its value.
    /// </summary>
    private (string? Text, IacUnknown? Unknown) Document(Change c, string attribute, IacOrigin origin)
    {
        if (Known(c, attribute) is { ValueKind: JsonValueKind.String } value)
        {
            return (value.GetString(), null);
        }

        if (!IsUnknown(c, attribute))
        {
            return (null, null);
        }

        var references = References(c, attribute);
        return (null, references.Count == 0
            ? Unknown(c, attribute, origin)
            : new IacUnknown(origin.At(attribute), $"{c.Address}.{attribute} is known only after apply (it refers to {string.Join(", ", references)})"));
    }

    /// <summary>
    /// What the configuration's expression of an attribute refers to (of a nested block's attribute when
    /// <paramref name="block"/> is given: <c>inline_policy[0].policy</c>), without the bare resources of longer references.
    /// </summary>
    private List<string> References(Change c, string attribute, int? block = null, string? blockAttribute = null)
    {
        var configAddress = c.ModuleAddress.Length == 0 ? $"{c.Type}.{c.Name}" : $"{c.ModuleAddress}.{c.Type}.{c.Name}";
        if (!_configuration.TryGetValue(StripIndexes(configAddress), out var config)
            || !config.TryGetProperty("expressions", out var expressions)
            || !expressions.TryGetProperty(attribute, out var expression))
        {
            return [];
        }

        if (block is { } index)
        {
            if (expression.ValueKind != JsonValueKind.Array || expression.GetArrayLength() <= index
                || expression[index].ValueKind != JsonValueKind.Object || !expression[index].TryGetProperty(blockAttribute!, out expression))
            {
                return [];
            }
        }

        if (expression.ValueKind != JsonValueKind.Object
            || !expression.TryGetProperty("references", out var references)
            || references.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var all = references.EnumerateArray().Select(r => r.GetString()).OfType<string>().ToList();
        return [.. all.Where(r => !all.Any(o => o.Length > r.Length && o.StartsWith(r + ".", StringComparison.Ordinal))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// <c>policy_arn = aws_iam_policy.x.arn</c> or <c>role = aws_iam_role.x.name</c>: the configuration lists the
    /// references of each expression; a single IAM resource attribute of the same module is computed from that resource.
    /// </summary>
    private string? Reference(Change c, string attribute)
    {
        var configAddress = c.ModuleAddress.Length == 0 ? $"{c.Type}.{c.Name}" : $"{c.ModuleAddress}.{c.Type}.{c.Name}";
        if (!_configuration.TryGetValue(StripIndexes(configAddress), out var config)
            || !config.TryGetProperty("expressions", out var expressions)
            || !expressions.TryGetProperty(attribute, out var expression)
            || !expression.TryGetProperty("references", out var references)
            || references.ValueKind != JsonValueKind.Array
            || references.GetArrayLength() == 0)
        {
            return null;
        }

        var first = references[0].GetString() ?? string.Empty;
        var parts = first.Split('.');
        if (parts.Length != 3 || !parts[0].StartsWith("aws_iam_", StringComparison.Ordinal)
            || references.EnumerateArray().Skip(1).Any(r => r.GetString() != $"{parts[0]}.{parts[1]}"))
        {
            return null;
        }

        var target = c.ModuleAddress.Length == 0 ? $"{parts[0]}.{parts[1]}" : $"{c.ModuleAddress}.{parts[0]}.{parts[1]}";
        if (!_model.Aliases.TryGetValue(target, out var known))
        {
            return null;
        }

        return (parts[0], parts[2]) switch
        {
            ("aws_iam_policy", "arn") => known,
            ("aws_iam_role" or "aws_iam_user" or "aws_iam_group", "name" or "id") => known,
            ("aws_iam_role", "arn") => _model.Roles.GetValueOrDefault(known)?.Arn,
            ("aws_iam_user", "arn") => _model.Users.GetValueOrDefault(known)?.Arn,
            ("aws_iam_group", "arn") => _model.Groups.GetValueOrDefault(known)?.Arn,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the configuration sets the attribute. <c>inline_policy</c> and <c>managed_policy_arns</c> left unset are
    /// computed from the role's policies after apply, which are the <c>aws_iam_role_policy(_attachment)</c> of the plan.
    /// </summary>
    private bool Configured(Change c, string attribute)
    {
        var configAddress = c.ModuleAddress.Length == 0 ? $"{c.Type}.{c.Name}" : $"{c.ModuleAddress}.{c.Type}.{c.Name}";
        return !_configuration.TryGetValue(StripIndexes(configAddress), out var config)
            || (config.TryGetProperty("expressions", out var expressions) && expressions.TryGetProperty(attribute, out _));
    }

    private static string StripIndexes(string address)
    {
        var builder = new System.Text.StringBuilder(address.Length);
        var depth = 0;
        foreach (var ch in address)
        {
            depth += ch == '[' ? 1 : ch == ']' ? -1 : 0;
            if (depth == 0 && ch != ']')
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    private sealed record Change(string Address, string Type, string ModuleAddress, string Name, JsonElement After, JsonElement AfterUnknown, string Path);
}
