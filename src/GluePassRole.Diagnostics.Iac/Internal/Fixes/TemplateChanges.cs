using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Policies.Matching;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Internal.Fixes;

/// <summary>
/// Writes a fix whose target the IaC defines as a change to the IaC, in the file's own form: a new statement in the
/// policy of the target that already allows <c>iam:PassRole</c> (when only the target holds it), else a <c>Policies</c>
/// entry on the <c>AWS::IAM::Group</c>, <c>User</c> or <c>Role</c> (a SAM function's <c>Policies</c> for the role SAM
/// generates), else, for a Terraform plan, an <c>aws_iam_*_policy</c> resource beside the target. A role the same file
/// (and Terraform module) defines is named by reference, so a stand-in name never reaches the snippet.
/// </summary>
internal sealed partial class TemplateChanges(IacAccount account) : ITemplateChangeWriter
{
    private const string PassRole = "iam:PassRole";

    private IacModel Model => account.Model;

    /// <inheritdoc />
    public TemplateChange? For(ProposedFix fix, PolicyStatement statement) => fix.Target.Type switch
    {
        FixTargetType.Group => Inline(IamEntityKind.Group, fix.Target.Name, fix.PolicyName, fix.Document),
        FixTargetType.User => Inline(IamEntityKind.User, fix.Target.Name, fix.PolicyName, fix.Document),
        FixTargetType.Role => Inline(IamEntityKind.Role, fix.Target.Name, fix.PolicyName, fix.Document),
        FixTargetType.PermissionsBoundary when fix.Target.Arn is { } arn && Model.Policies.TryGetValue(arn, out var boundary) => ManagedStatements(boundary, [statement], "the permissions boundary"),
        _ => null,
    };

    /// <summary>The change that adds <paramref name="document"/>'s statements to what <paramref name="name"/> is allowed, or <see langword="null"/> when the IaC does not define it.</summary>
    public TemplateChange? Inline(IamEntityKind kind, string name, string policyName, PolicyDocument document)
    {
        if (account.FindEntity(kind, name) is not { Origin: { } origin } entity || !Model.Formats.TryGetValue(origin.File, out var format))
        {
            return null;
        }

        if (format != TemplateChangeFormat.Hcl && Holder(entity, document) is { } holder)
        {
            return holder;
        }

        return format == TemplateChangeFormat.Hcl
            ? TerraformInline(entity, origin, policyName, document)
            : PoliciesEntry(entity, origin, format, policyName, document);
    }

    /// <summary>The change that adds <paramref name="statement"/> to the trust policy of role <paramref name="roleName"/>, or <see langword="null"/> when the IaC does not define it.</summary>
    public TemplateChange? Trust(string roleName, PolicyStatement statement)
    {
        if (account.FindEntity(IamEntityKind.Role, roleName) is not { Origin: { } origin } || !Model.Formats.TryGetValue(origin.File, out var format))
        {
            return null;
        }

        var type = TypeOf(origin);
        if (format == TemplateChangeFormat.Hcl)
        {
            var node = Referenced(StatementNode(statement), origin.File, format, SplitAddress(origin.Resource).Module);
            return new TemplateChange(format, origin.File, origin.Resource, $"add this statement to the Statement list of the assume_role_policy of {origin.Resource} ({type})", Snippets.Hcl(node))
            {
                ResourceType = type,
                Property = "assume_role_policy",
                Statement = statement,
            };
        }

        return Statements(origin, format, "Properties.AssumeRolePolicyDocument.Statement", $"add this statement to the AssumeRolePolicyDocument of {origin.Resource} ({type})", type, [statement]);
    }

    /// <summary>
    /// The change that adds <paramref name="condition"/> to statement <paramref name="label"/> of the policy defined at
    /// <paramref name="at"/> (an existing statement, narrowed), or <see langword="null"/> when the IaC's form is not known.
    /// </summary>
    public TemplateChange? Condition(IacOrigin at, string label, JsonObject condition)
    {
        if (!Model.Formats.TryGetValue(at.File, out var format))
        {
            return null;
        }

        var type = TypeOf(at);
        const string Merge = "merge it into the statement's Condition if it has one";
        if (format == TemplateChangeFormat.Hcl)
        {
            return new TemplateChange(format, at.File, at.Resource, $"add this Condition to statement {label} of the policy of {at.Resource} ({type}; {Merge})", $"Condition = {Snippets.Hcl(condition)}")
            {
                ResourceType = type,
                Property = "policy",
            };
        }

        var statements = at.Property?.StartsWith("Policies[", StringComparison.Ordinal) == true ? $"Properties.{at.Property}.PolicyDocument.Statement" : "Properties.PolicyDocument.Statement";
        var member = new JsonObject { ["Condition"] = condition };
        return new TemplateChange(format, at.File, at.Resource, $"add this Condition to statement {label} of {at.Resource} ({type}; {Merge})", format == TemplateChangeFormat.Yaml ? Snippets.Yaml(member) : Snippets.Json(member))
        {
            Line = at.Line,
            Property = statements,
            ResourceType = type,
        };
    }

    /// <summary>A policy of the IaC, attached to <paramref name="entity"/> alone, that already allows <c>iam:PassRole</c>: the new statement belongs beside those.</summary>
    private TemplateChange? Holder(ModelEntity entity, PolicyDocument document)
    {
        foreach (var (policy, at) in entity.Inline)
        {
            if (Model.Formats.TryGetValue(at.File, out var format) && format != TemplateChangeFormat.Hcl
                && AllowsPassRole(policy.Document) && !SidTaken(policy.Document, document) && InlineHolders(at) == 1)
            {
                var own = at.Property?.StartsWith("Policies[", StringComparison.Ordinal) == true;
                var type = TypeOf(at);
                return Statements(
                    at,
                    format,
                    own ? $"Properties.{at.Property}.PolicyDocument.Statement" : "Properties.PolicyDocument.Statement",
                    own ? $"add this statement to inline policy {policy.Name} in the Policies of {at.Resource} ({type}), which already allows {PassRole}"
                        : $"add this statement to the PolicyDocument of {at.Resource} ({type}), which already allows {PassRole} (for {entity.Kind.ToString().ToLowerInvariant()} {entity.Name} alone)",
                    type,
                    document.Statements);
            }
        }

        foreach (var (attached, _) in entity.Attached)
        {
            if (Model.Policies.TryGetValue(attached.Arn, out var managed) && managed is { Document: { } held, Unknown: null }
                && AllowsPassRole(held) && !SidTaken(held, document) && ManagedHolders(attached.Arn) == 1
                && ManagedStatements(managed, document.Statements, $"{entity.Kind.ToString().ToLowerInvariant()} {entity.Name} alone") is { } change)
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>New statements in a customer managed policy the IaC defines (CloudFormation; for Terraform, in its policy's Statement list).</summary>
    private TemplateChange? ManagedStatements(ModelManagedPolicy managed, IReadOnlyList<PolicyStatement> statements, string attachedTo)
    {
        var origin = managed.Origin;
        if (!Model.Formats.TryGetValue(origin.File, out var format))
        {
            return null;
        }

        var type = TypeOf(origin);
        var why = managed.Document is { } held && AllowsPassRole(held) ? $", which already allows {PassRole} ({attachedTo})" : $" ({attachedTo})";
        if (format == TemplateChangeFormat.Hcl)
        {
            var node = Referenced(new JsonArray([.. statements.Select(StatementNode)]), origin.File, format, SplitAddress(origin.Resource).Module).AsArray();
            return new TemplateChange(format, origin.File, origin.Resource, $"add {(statements.Count == 1 ? "this statement" : "these statements")} to the Statement list of the policy of {origin.Resource} ({type}){why}", Snippets.Hcl(node.Count == 1 ? node[0]!.DeepClone() : node))
            {
                ResourceType = type,
                Property = "policy",
                Statement = statements[0],
            };
        }

        return Statements(origin, format, "Properties.PolicyDocument.Statement", $"add {(statements.Count == 1 ? "this statement" : "these statements")} to the PolicyDocument of {origin.Resource} ({type}){why}", type, statements);
    }

    /// <summary>Statements to add to a Statement list of a template: a YAML sequence, or the JSON statement (a list of them when several).</summary>
    private TemplateChange Statements(IacOrigin at, TemplateChangeFormat format, string property, string description, string type, IReadOnlyList<PolicyStatement> statements)
    {
        var list = Referenced(new JsonArray([.. statements.Select(StatementNode)]), at.File, format, string.Empty);
        var snippet = format == TemplateChangeFormat.Yaml ? Snippets.Yaml(list) : Snippets.Json(list.AsArray().Count == 1 ? list[0]!.DeepClone() : list);
        return new TemplateChange(format, at.File, at.Resource, description, snippet)
        {
            Line = at.Line,
            Property = property,
            ResourceType = type,
            Statement = statements[0],
        };
    }

    /// <summary>A <c>Policies</c> entry on the entity's resource (the SAM function's, for the role SAM generates for it).</summary>
    private TemplateChange PoliciesEntry(ModelEntity entity, IacOrigin origin, TemplateChangeFormat format, string policyName, PolicyDocument document)
    {
        var body = Referenced(JsonNode.Parse(document.ToJson(indented: false))!, origin.File, format, string.Empty);
        if (Model.SamGeneratedRoles.TryGetValue((origin.File, origin.Resource), out var function))
        {
            // SAM's Policies take a policy document as an entry; SAM adds it to the role it generates.
            const string Sam = "AWS::Serverless::Function";
            var line = Model.ResourceLines.GetValueOrDefault((origin.File, function));
            var samSnippet = format == TemplateChangeFormat.Yaml ? Snippets.Yaml(new JsonArray(body)) : Snippets.Json(body);
            return new TemplateChange(format, origin.File, function, $"add this entry to the Policies of function {function} ({Sam}; create Policies if it has none): SAM adds it to the role it generates, {origin.Resource}", samSnippet)
            {
                Line = line > 0 ? line : origin.Line,
                Property = "Properties.Policies",
                ResourceType = Sam,
                Statement = document.Statements[0],
            };
        }

        var type = TypeOf(origin);
        var entry = new JsonObject { ["PolicyName"] = policyName, ["PolicyDocument"] = body };
        var hasPolicies = entity.Inline.Any(p => SameResource(p.Origin, origin) && p.Origin.Property?.StartsWith("Policies", StringComparison.Ordinal) == true)
            || entity.InlineUnknown.Any(u => SameResource(u.Origin, origin) && u.Origin.Property?.StartsWith("Policies", StringComparison.Ordinal) == true);
        var (snippet, property, description) = hasPolicies
            ? (format == TemplateChangeFormat.Yaml ? Snippets.Yaml(new JsonArray(entry)) : Snippets.Json(entry), "Properties.Policies", $"add this entry to the Policies of {origin.Resource} ({type})")
            : (format == TemplateChangeFormat.Yaml ? Snippets.Yaml(new JsonObject { ["Policies"] = new JsonArray(entry) }) : Snippets.Json(new JsonObject { ["Policies"] = new JsonArray(entry) }),
                "Properties", $"add this Policies property to the Properties of {origin.Resource} ({type})");
        return new TemplateChange(format, origin.File, origin.Resource, description, snippet)
        {
            Line = origin.Line,
            Property = property,
            ResourceType = type,
            Statement = document.Statements[0],
        };
    }

    /// <summary>An <c>aws_iam_group_policy</c>, <c>aws_iam_user_policy</c> or <c>aws_iam_role_policy</c> resource beside the entity, in its module.</summary>
    private TemplateChange TerraformInline(ModelEntity entity, IacOrigin origin, string policyName, PolicyDocument document)
    {
        var (module, local) = SplitAddress(origin.Resource);
        var (resourceType, attribute) = entity.Kind switch
        {
            IamEntityKind.Group => ("aws_iam_group_policy", "group"),
            IamEntityKind.User => ("aws_iam_user_policy", "user"),
            _ => ("aws_iam_role_policy", "role"),
        };
        var body = Referenced(JsonNode.Parse(document.ToJson(indented: false))!, origin.File, TemplateChangeFormat.Hcl, module);
        var snippet = $"resource \"{resourceType}\" \"{Snippets.SnakeCase(policyName)}\" {{\n"
            + $"  name   = {Snippets.HclString(policyName)}\n"
            + $"  {attribute,-6} = {local}.name\n"
            + $"  policy = jsonencode({Snippets.Hcl(body, 2)})\n"
            + "}";
        var type = TypeOf(origin);
        var where = module.Length == 0 ? "the root module" : $"module {module}";
        return new TemplateChange(TemplateChangeFormat.Hcl, origin.File, origin.Resource, $"add this {resourceType} resource to the Terraform configuration of {where}, beside {local} ({type})", snippet)
        {
            ResourceType = type,
            Statement = document.Statements[0],
        };
    }

    /// <summary>Each string that is the ARN of a role the same file (and Terraform module) defines, replaced by a reference to it.</summary>
    private JsonNode Referenced(JsonNode node, string file, TemplateChangeFormat format, string module)
    {
        var references = new Dictionary<string, Func<JsonNode>>(StringComparer.Ordinal);
        foreach (var role in Model.Roles.Values)
        {
            if (role.Origin is not { } at || !string.Equals(at.File, file, StringComparison.Ordinal) || role.Arn.Length == 0)
            {
                continue;
            }

            if (format == TemplateChangeFormat.Hcl)
            {
                var (roleModule, local) = SplitAddress(at.Resource);
                if (string.Equals(roleModule, module, StringComparison.Ordinal))
                {
                    references.TryAdd(role.Arn, () => Snippets.HclReference($"{local}.arn"));
                }
            }
            else
            {
                references.TryAdd(role.Arn, () => Snippets.GetAtt(at.Resource, "Arn"));
            }
        }

        return Replace(node, references);
    }

    private static JsonNode Replace(JsonNode node, Dictionary<string, Func<JsonNode>> references)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(e => e.Key).ToList())
                {
                    if (o[key] is { } child)
                    {
                        o[key] = Replace(child.DeepClone(), references);
                    }
                }

                return o;
            case JsonArray a:
                var items = a.Select(i => i is null ? null : Replace(i.DeepClone(), references)).ToList();
                a.Clear();
                foreach (var item in items)
                {
                    a.Add(item);
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var text) && references.TryGetValue(text, out var reference):
                return reference();
            default:
                return node;
        }
    }

    private static JsonNode StatementNode(PolicyStatement statement) => JsonNode.Parse(PolicyDocumentWriter.WriteStatement(statement, indented: false))!;

    private static bool AllowsPassRole(PolicyDocument document) => document.Statements.Any(s =>
        s.Effect == Effect.Allow && (s.Action ?? []).Any(a => WildcardPattern.Create(a, ignoreCase: true).IsMatch(PassRole)));

    /// <summary>Whether the policy already has a statement with a Sid the new statements use (Sids are unique within a policy).</summary>
    private static bool SidTaken(PolicyDocument held, PolicyDocument added) =>
        added.Statements.Any(n => n.Sid is { } sid && held.Statements.Any(s => string.Equals(s.Sid, sid, StringComparison.Ordinal)));

    /// <summary>How many users, groups and roles hold the inline policy defined at <paramref name="at"/> (an <c>AWS::IAM::Policy</c> may name several).</summary>
    private int InlineHolders(IacOrigin at) => AllEntities().Count(e => e.Inline.Any(p => SameResource(p.Origin, at) && p.Origin.Property == at.Property));

    /// <summary>How many users, groups and roles have the managed policy attached.</summary>
    private int ManagedHolders(string arn) => AllEntities().Count(e => e.Attached.Any(p => string.Equals(p.Policy.Arn, arn, StringComparison.Ordinal)));

    private IEnumerable<ModelEntity> AllEntities() => Model.Users.Values.Concat(Model.Groups.Values).Concat(Model.Roles.Values).Concat(Model.Additions.Values);

    private static bool SameResource(IacOrigin a, IacOrigin b) =>
        string.Equals(a.File, b.File, StringComparison.Ordinal) && string.Equals(a.Resource, b.Resource, StringComparison.Ordinal);

    private string TypeOf(IacOrigin origin) => Model.ResourceTypes.GetValueOrDefault((origin.File, origin.Resource)) ?? "resource";

    /// <summary>A Terraform address split into its module (<c>module.etl</c>, empty for the root) and the address within it (<c>aws_iam_group.analysts</c>).</summary>
    private static (string Module, string Local) SplitAddress(string address)
    {
        var match = ModulePrefix().Match(address);
        return (match.Groups["module"].Value.TrimEnd('.'), address[match.Groups["module"].Length..]);
    }

    [GeneratedRegex(@"^(?<module>(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*)", RegexOptions.CultureInvariant)]
    private static partial Regex ModulePrefix();
}
