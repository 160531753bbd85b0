using GluePassRole.Diagnostics.Iac.Internal.Documents;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>
/// Reads the IAM and Glue resources of one CloudFormation template into the <see cref="IacModel"/>
/// (CloudFormation Template Reference: AWS::IAM::Role, User, Group, UserToGroupAddition, Policy, ManagedPolicy,
/// RolePolicy, GroupPolicy, UserPolicy; AWS::Glue::Job, Crawler, DevEndpoint, MLTransform).
/// </summary>
internal sealed class CfnTemplateReader
{
    /// <summary>Stands for the random part of a name CloudFormation generates (<c>stack-LogicalId-RANDOM</c>).</summary>
    public const string GeneratedSuffix = "GENERATED";

    private static readonly Dictionary<string, string> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::IAM::User"] = "UserName",
        ["AWS::IAM::Group"] = "GroupName",
        ["AWS::IAM::InstanceProfile"] = "InstanceProfileName",
        ["AWS::IAM::ManagedPolicy"] = "ManagedPolicyName",
        ["AWS::Glue::Job"] = "Name",
        ["AWS::Glue::Crawler"] = "Name",
        ["AWS::Glue::DevEndpoint"] = "EndpointName",
        ["AWS::Glue::MLTransform"] = "Name",
        ["AWS::S3::Bucket"] = "BucketName",
    };

    private readonly IacModel _model;
    private readonly string _file;
    private readonly CfnStack _stack;
    private readonly CfnResolver _resolver;
    private readonly Dictionary<string, DocNode> _names = new(StringComparer.Ordinal);

    public CfnTemplateReader(IacModel model, string file, CfnStack stack, IReadOnlyDictionary<string, string> parameters)
    {
        _model = model;
        _file = file;
        _stack = stack;
        _resolver = new CfnResolver(file, stack, parameters, PhysicalId, Attribute);
    }

    public void Read()
    {
        foreach (var (id, resource) in _stack.Resources)
        {
            var type = ((DocScalar)resource["Type"]!).Value;
            var origin = new IacOrigin(_file, id, resource.KeyLine);
            IacUnknown? uncertain = null;
            if (resource["Condition"] is DocScalar condition)
            {
                var exists = _resolver.Condition(condition.Value, condition.Line, $"$.Resources.{id}.Condition", out var reason);
                if (exists == false)
                {
                    continue;
                }

                if (exists is null)
                {
                    uncertain = new IacUnknown(origin.At("Condition", condition.Line), $"whether {id} is created: {reason}");
                }
            }

            var properties = resource["Properties"] is { } raw ? _resolver.Resolve(raw, $"$.Resources.{id}.Properties") as DocMapping : null;
            properties ??= new DocMapping([], resource.Line);
            new ResourceReader(this, id, type, properties, origin, uncertain).Read();
        }
    }

    /// <summary>What <c>Ref</c> returns for a resource: its name (IAM entities, Glue), its ARN (managed policies), else unknown.</summary>
    private DocNode PhysicalId(string id, string path, int line)
    {
        var resource = _stack.Resources[id];
        var type = ((DocScalar)resource["Type"]!).Value;
        if (type == "AWS::IAM::ManagedPolicy")
        {
            return Attribute(id, "PolicyArn", path, line);
        }

        return NameProperties.ContainsKey(type) ? Name(id, path, line) : new DocUnknown($"the physical ID of {id} ({type}) is assigned at deploy", line);
    }

    private DocNode Attribute(string id, string attribute, string path, int line)
    {
        var resource = _stack.Resources[id];
        var type = ((DocScalar)resource["Type"]!).Value;
        string? kind = (type, attribute) switch
        {
            ("AWS::IAM::Role", "Arn") => "role",
            ("AWS::IAM::User", "Arn") => "user",
            ("AWS::IAM::Group", "Arn") => "group",
            ("AWS::IAM::ManagedPolicy", "PolicyArn") => "policy",
            ("AWS::IAM::InstanceProfile", "Arn") => "instance-profile",
            _ => null,
        };
        if (type == "AWS::S3::Bucket" && attribute == "Arn")
        {
            var bucket = Name(id, path, line);
            return CfnResolver.Text(bucket) is { } b && !b.EndsWith(GeneratedSuffix, StringComparison.Ordinal)
                ? new DocScalar($"arn:{_stack.Partition}:s3:::{b}", line)
                : new DocUnknown($"the name of bucket {id} is generated at deploy", line);
        }

        if (kind is null)
        {
            var custom = type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource";
            return new DocUnknown(
                custom ? $"{id}.{attribute} is an attribute of a custom resource, known only after it runs" : $"{id}.{attribute} ({type}) is known only after deploy",
                line);
        }

        var name = Name(id, path, line);
        if (CfnResolver.Text(name) is not { } text)
        {
            return name;
        }

        var entityPath = resource["Properties"] is DocMapping props && props["Path"] is { } p
            ? CfnResolver.Text(_resolver.Resolve(p, $"$.Resources.{id}.Properties.Path")) ?? "/"
            : "/";
        return new DocScalar(_model.Arn(kind, entityPath, text), line);
    }

    /// <summary>A resource's name: its name property, or the name CloudFormation generates (stand-in suffix).</summary>
    private DocNode Name(string id, string path, int line)
    {
        if (_names.TryGetValue(id, out var known))
        {
            return known;
        }

        var resource = _stack.Resources[id];
        var type = ((DocScalar)resource["Type"]!).Value;
        var name = _resolver.Guard($"the name of {id}", line, path, () =>
            resource["Properties"] is DocMapping props && props[NameProperties[type]] is { } raw
                ? _resolver.Resolve(raw, $"$.Resources.{id}.Properties.{NameProperties[type]}")
                : new DocScalar(GeneratedName(id), resource.Line));
        return _names[id] = ReferenceEquals(name, CfnResolver.NoValue) ? new DocScalar(GeneratedName(id), resource.Line) : name;
    }

    private string GeneratedName(string id) => $"{_stack.Name}-{id}-{GeneratedSuffix}";

    private bool IsGenerated(string name, string id) => string.Equals(name, GeneratedName(id), StringComparison.Ordinal);

    /// <summary>Reads one resource.</summary>
    private sealed class ResourceReader(CfnTemplateReader owner, string id, string type, DocMapping properties, IacOrigin origin, IacUnknown? uncertain)
    {
        private IacModel Model => owner._model;

        public void Read()
        {
            switch (type)
            {
                case "AWS::IAM::Role":
                    Entity(IamEntityKind.Role, "role", "RoleName");
                    break;
                case "AWS::IAM::User":
                    Entity(IamEntityKind.User, "user", "UserName");
                    break;
                case "AWS::IAM::Group":
                    Entity(IamEntityKind.Group, "group", "GroupName");
                    break;
                case "AWS::IAM::UserToGroupAddition":
                    Membership();
                    break;
                case "AWS::IAM::Policy":
                    StandalonePolicy(managedArn: null);
                    break;
                case "AWS::IAM::ManagedPolicy":
                    ManagedPolicy();
                    break;
                case "AWS::IAM::RolePolicy":
                    InlineOn(IamEntityKind.Role, "RoleName");
                    break;
                case "AWS::IAM::GroupPolicy":
                    InlineOn(IamEntityKind.Group, "GroupName");
                    break;
                case "AWS::IAM::UserPolicy":
                    InlineOn(IamEntityKind.User, "UserName");
                    break;
                case "AWS::Glue::Job":
                    Glue(GlueResourceKind.Job, "Name", "Role");
                    break;
                case "AWS::Glue::Crawler":
                    Glue(GlueResourceKind.Crawler, "Name", "Role");
                    break;
                case "AWS::Glue::DevEndpoint":
                    Glue(GlueResourceKind.DevEndpoint, "EndpointName", "RoleArn");
                    break;
                case "AWS::Glue::MLTransform":
                    Glue(GlueResourceKind.MLTransform, "Name", "Role");
                    break;
                case "AWS::CloudFormation::Stack":
                    Model.Unknowns.Add(new IacUnknown(origin, $"nested stack {id}: the IAM resources it may define are not read"));
                    Model.Notes.Add($"{origin}: nested stack {id} is not read; IAM it defines is unknown (pass its template with --template to read it).");
                    break;
            }
        }

        private IacUnknown UnknownAt(string property, DocNode node, string? reason = null) =>
            new(origin.At(property, node.KeyLine), reason ?? node.FindUnknown()?.Reason ?? "unknown");

        private string? Text(string property) => properties[property] is { } node ? CfnResolver.Text(node) : null;

        private void Entity(IamEntityKind kind, string arnType, string nameProperty)
        {
            var name = CfnResolver.Text(owner.Name(id, $"$.Resources.{id}", origin.Line!.Value));
            if (name is null)
            {
                // A name that cannot be known: the entity exists, but nobody can look it up by name.
                Model.Unknowns.Add(UnknownAt(nameProperty, properties[nameProperty] ?? properties));
                return;
            }

            var path = Text("Path") ?? "/";
            Model.Aliases.TryAdd(id, name);
            if (owner.IsGenerated(name, id))
            {
                Model.Aliases[id] = name;
                Model.Notes.Add($"{origin}: {kind} {id} has no {nameProperty}; CloudFormation names it {owner._stack.Name}-{id}-<random>, evaluated as {name}.");
            }

            var entity = new ModelEntity(kind, name, origin)
            {
                Arn = Model.Arn(arnType, path, name),
                Path = path,
                TrustPolicy = kind == IamEntityKind.Role ? TrustPolicy() : null,
                Tags = Tags(),
                Uncertain = uncertain,
            };
            if (properties["PermissionsBoundary"] is { } boundary)
            {
                entity.BoundaryArn = CfnResolver.Text(boundary) ?? Model.UnknownPolicyArn(UnknownAt("PermissionsBoundary", boundary));
            }

            if (properties["Policies"] is DocSequence inline)
            {
                for (var i = 0; i < inline.Items.Count; i++)
                {
                    if (inline.Items[i] is DocMapping p)
                    {
                        AddInline(entity, p["PolicyName"], p["PolicyDocument"], $"Policies[{i}]", p.KeyLine);
                    }
                    else
                    {
                        entity.InlineUnknown.Add(UnknownAt($"Policies[{i}]", inline.Items[i]));
                    }
                }
            }
            else if (properties["Policies"] is { } policies)
            {
                entity.InlineUnknown.Add(UnknownAt("Policies", policies));
            }

            Attach(entity, properties["ManagedPolicyArns"], "ManagedPolicyArns");
            if (kind == IamEntityKind.User)
            {
                Groups(entity, properties["Groups"], "Groups");
            }

            Model.Define(entity);
        }

        private SourceResult<PolicyDocument> TrustPolicy()
        {
            if (properties["AssumeRolePolicyDocument"] is not { } node)
            {
                throw new IacTemplateException($"Role {id} has no AssumeRolePolicyDocument (CloudFormation requires one).", owner._file, origin.Line, $"$.Resources.{id}.Properties");
            }

            var document = Document(node, "AssumeRolePolicyDocument");
            return document.Document is { } trust
                ? SourceResult.Found(trust)
                : SourceResult.Unreadable<PolicyDocument>(document.Unknown!.ToSourceError());
        }

        private (PolicyDocument? Document, IacUnknown? Unknown) Document(DocNode node, string property)
        {
            if (node.FindUnknown() is not null)
            {
                var unknown = UnknownAt(property, node);
                Model.Unknowns.Add(unknown);
                return (null, unknown);
            }

            var json = node is DocScalar text ? text.Value : node.ToJson()!;
            try
            {
                return (PolicyDocument.Parse(json), null);
            }
            catch (PolicyDocumentException e)
            {
                throw new IacTemplateException($"Not a valid policy document: {e.Message}", owner._file, node.KeyLine, $"$.Resources.{id}.Properties.{property}", e);
            }
        }

        private void AddInline(ModelEntity entity, DocNode? nameNode, DocNode? documentNode, string property, int line)
        {
            if (documentNode is null)
            {
                throw new IacTemplateException("An inline policy needs a PolicyDocument.", owner._file, line, $"$.Resources.{id}.Properties.{property}");
            }

            var name = nameNode is null ? id : CfnResolver.Text(nameNode) ?? id;
            var (document, unknown) = Document(documentNode, $"{property}.PolicyDocument");
            if (uncertain is not null)
            {
                entity.InlineUnknown.Add(uncertain);
            }
            else if (document is null)
            {
                entity.InlineUnknown.Add(unknown!);
            }
            else
            {
                entity.Inline.Add((new InlinePolicy(name, document), origin.At(property, documentNode.KeyLine)));
            }
        }

        private void Attach(ModelEntity entity, DocNode? arns, string property)
        {
            switch (arns)
            {
                case null:
                    return;
                case DocSequence list:
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        var item = list.Items[i];
                        if (CfnResolver.Text(item) is { } arn && uncertain is null)
                        {
                            entity.Attached.Add((new AttachedPolicy(arn[(arn.LastIndexOf('/') + 1)..], arn), origin.At($"{property}[{i}]", item.Line)));
                        }
                        else
                        {
                            entity.AttachedUnknown.Add(uncertain ?? Remember(UnknownAt($"{property}[{i}]", item)));
                        }
                    }

                    return;
                default:
                    entity.AttachedUnknown.Add(Remember(UnknownAt(property, arns)));
                    return;
            }
        }

        private void Groups(ModelEntity user, DocNode? groups, string property)
        {
            switch (groups)
            {
                case null:
                    return;
                case DocSequence list:
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        if (CfnResolver.Text(list.Items[i]) is { } group && uncertain is null)
                        {
                            user.GroupMemberships.Add((group, origin.At($"{property}[{i}]", list.Items[i].Line)));
                        }
                        else
                        {
                            user.GroupsUnknown.Add(uncertain ?? Remember(UnknownAt($"{property}[{i}]", list.Items[i])));
                        }
                    }

                    return;
                default:
                    user.GroupsUnknown.Add(Remember(UnknownAt(property, groups)));
                    return;
            }
        }

        private IacUnknown Remember(IacUnknown unknown)
        {
            Model.Unknowns.Add(unknown);
            return unknown;
        }

        private IReadOnlyList<IamTag> Tags() => properties["Tags"] is DocSequence tags
            ? [.. tags.Items.OfType<DocMapping>()
                .Where(t => t["Key"] is DocScalar && t["Value"] is DocScalar)
                .Select(t => new IamTag(((DocScalar)t["Key"]!).Value, ((DocScalar)t["Value"]!).Value))]
            : [];

        private void Membership()
        {
            var group = properties["GroupName"];
            if (properties["Users"] is not DocSequence users)
            {
                return;
            }

            for (var i = 0; i < users.Items.Count; i++)
            {
                var user = CfnResolver.Text(users.Items[i]);
                if (user is null)
                {
                    Model.AddUnknownTarget(IamEntityKind.User, UnknownAt($"Users[{i}]", users.Items[i], $"a user added to a group is unknown: {users.Items[i].FindUnknown()?.Reason}"));
                    continue;
                }

                var target = Model.Target(IamEntityKind.User, user);
                if (group is not null && CfnResolver.Text(group) is { } name && uncertain is null)
                {
                    target.GroupMemberships.Add((name, origin.At("GroupName", group.KeyLine)));
                }
                else
                {
                    target.GroupsUnknown.Add(uncertain ?? Remember(UnknownAt("GroupName", group ?? properties)));
                }
            }
        }

        /// <summary><c>AWS::IAM::Policy</c> (inline in each target) or the attachments of an <c>AWS::IAM::ManagedPolicy</c>.</summary>
        private void StandalonePolicy(string? managedArn)
        {
            foreach (var (kind, property) in new[] { (IamEntityKind.Group, "Groups"), (IamEntityKind.Role, "Roles"), (IamEntityKind.User, "Users") })
            {
                if (properties[property] is not DocSequence targets)
                {
                    if (properties[property] is { } unknownList)
                    {
                        Model.AddUnknownTarget(kind, UnknownAt(property, unknownList, $"the {property.ToLowerInvariant()} policy {id} is attached to are unknown: {unknownList.FindUnknown()?.Reason}"));
                    }

                    continue;
                }

                for (var i = 0; i < targets.Items.Count; i++)
                {
                    var name = CfnResolver.Text(targets.Items[i]);
                    if (name is null)
                    {
                        Model.AddUnknownTarget(kind, UnknownAt($"{property}[{i}]", targets.Items[i], $"policy {id} is attached to an entity that is unknown: {targets.Items[i].FindUnknown()?.Reason}"));
                        continue;
                    }

                    // A role named by ARN in Roles is an error CloudFormation reports; keep the name part.
                    var target = Model.Target(kind, name[(name.LastIndexOf('/') + 1)..]);
                    if (managedArn is null)
                    {
                        AddInline(target, properties["PolicyName"], properties["PolicyDocument"], "PolicyDocument", properties.Line);
                    }
                    else if (uncertain is null)
                    {
                        target.Attached.Add((new AttachedPolicy(managedArn[(managedArn.LastIndexOf('/') + 1)..], managedArn), origin.At($"{property}[{i}]", targets.Items[i].Line)));
                    }
                    else
                    {
                        target.AttachedUnknown.Add(uncertain);
                    }
                }
            }
        }

        private void ManagedPolicy()
        {
            var arn = CfnResolver.Text(owner.Attribute(id, "PolicyArn", $"$.Resources.{id}", origin.Line!.Value));
            if (arn is null)
            {
                Model.Unknowns.Add(UnknownAt("ManagedPolicyName", properties["ManagedPolicyName"] ?? properties));
                return;
            }

            var (document, unknown) = properties["PolicyDocument"] is { } node
                ? Document(node, "PolicyDocument")
                : throw new IacTemplateException($"Managed policy {id} has no PolicyDocument.", owner._file, origin.Line, $"$.Resources.{id}.Properties");
            var name = arn[(arn.LastIndexOf('/') + 1)..];
            if (Model.Policies.TryGetValue(arn, out var existing))
            {
                throw new IacTemplateException($"Managed policy {arn} is defined twice: here and at {existing.Origin}.", owner._file, origin.Line, $"$.Resources.{id}");
            }

            Model.Policies[arn] = new ModelManagedPolicy(name, arn, origin, document, unknown ?? uncertain);
            StandalonePolicy(arn);
        }

        private void InlineOn(IamEntityKind kind, string targetProperty)
        {
            var targetNode = properties[targetProperty] ?? throw new IacTemplateException($"{type} {id} has no {targetProperty}.", owner._file, origin.Line, $"$.Resources.{id}.Properties");
            if (CfnResolver.Text(targetNode) is not { } target)
            {
                Model.AddUnknownTarget(kind, UnknownAt(targetProperty, targetNode));
                return;
            }

            AddInline(Model.Target(kind, target), properties["PolicyName"], properties["PolicyDocument"], "PolicyDocument", properties.Line);
        }

        private void Glue(GlueResourceKind kind, string nameProperty, string roleProperty)
        {
            var name = kind == GlueResourceKind.MLTransform && properties[nameProperty] is null
                ? null
                : CfnResolver.Text(owner.Name(id, $"$.Resources.{id}", origin.Line!.Value));
            name ??= id;
            var generated = owner.IsGenerated(name, id);
            if (generated)
            {
                Model.Aliases[id] = name;
            }

            var roleNode = properties[roleProperty];
            var role = roleNode is null ? null : CfnResolver.Text(roleNode);
            var unknown = uncertain ?? (roleNode is null
                ? new IacUnknown(origin, $"Glue {kind} {id} has no {roleProperty}")
                : role is null ? Remember(UnknownAt(roleProperty, roleNode)) : null);
            Model.Glue[(kind, name)] = new ModelGlue(kind, name, role, origin, unknown)
            {
                RoleOrigin = roleNode is null ? origin : origin.At(roleProperty, roleNode.KeyLine),
                NameIsGenerated = generated,
            };
        }
    }
}
