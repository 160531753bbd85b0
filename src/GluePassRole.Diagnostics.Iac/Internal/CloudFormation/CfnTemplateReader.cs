using System.Text.RegularExpressions;
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
internal sealed partial class CfnTemplateReader
{
    /// <summary>Stands for the random part of a name CloudFormation generates (<c>stack-LogicalId-RANDOM</c>).</summary>
    public const string GeneratedSuffix = "GENERATED";

    /// <summary>Stands for each part of an IAM name that is known only at deploy (<c>UNKNOWN-glue-role</c> for <c>!Sub ${Env}-glue-role</c>).</summary>
    public const string UnknownPart = "UNKNOWN";

    /// <summary>The IAM resources whose name, when known only at deploy, gets a stand-in: they are the template's own, known but for the name.</summary>
    private static readonly HashSet<string> IamTypes = new(StringComparer.Ordinal)
    {
        "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile",
    };

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
    private readonly Dictionary<string, string> _standInReasons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _standIns = new(StringComparer.OrdinalIgnoreCase);

    private readonly Func<NestedStack, bool>? _nested;

    public CfnTemplateReader(IacModel model, string file, CfnStack stack, TemplateParameters parameters, Func<NestedStack, bool>? nested = null)
    {
        _nested = nested;
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
            _model.ResourceTypes[(_file, id)] = type;
            _model.ResourceLines[(_file, id)] = resource.KeyLine;
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
        if (type == "AWS::KMS::Key" && attribute == "Arn")
        {
            // The key ID is assigned at deploy: the logical ID stands in for it, the same for every Fn::GetAtt of the key.
            return new DocScalar(KeyArn(id), line);
        }

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

    /// <summary>The stand-in ARN of a KMS key the template defines: the logical ID in the key ID's place.</summary>
    private string KeyArn(string id) => $"arn:{_stack.Partition}:kms:{_stack.Region}:{_stack.AccountId}:key/{id}";

    /// <summary>
    /// A resource's name: its name property, or the name CloudFormation generates (stand-in suffix). An IAM resource whose
    /// name is known only at deploy gets a stand-in too (<see cref="StandIn"/>): the resource is the template's own, and
    /// every <c>Ref</c> and <c>Fn::GetAtt</c> of it resolves to the same name.
    /// </summary>
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
        if (name is DocUnknown unknown && IamTypes.Contains(type))
        {
            _standInReasons[id] = unknown.Reason;
            return _names[id] = new DocScalar(StandIn(id, unknown.Pattern), resource.Line);
        }

        return _names[id] = ReferenceEquals(name, CfnResolver.NoValue) ? new DocScalar(GeneratedName(id), resource.Line) : name;
    }

    /// <summary>
    /// The stand-in for an IAM name known only at deploy: the known text with <see cref="UnknownPart"/> for each unknown
    /// part, or <c>STACK-LogicalId-UNKNOWN</c> when no text is known (or that name is taken).
    /// </summary>
    private string StandIn(string id, string? pattern)
    {
        var text = pattern?.Replace("*", UnknownPart, StringComparison.Ordinal);
        if (text is null || text.Replace(UnknownPart, string.Empty, StringComparison.Ordinal).Trim('-', '_', '.').Length == 0
            || !IamName().IsMatch(text) || !_standIns.Add(text))
        {
            text = GeneratedName(id, UnknownPart);
            _standIns.Add(text);
        }

        return text;
    }

    /// <summary>Why the name of <paramref name="id"/> is a stand-in, when it is: for the unknown that reports it.</summary>
    private string? StandInReason(string id, string kind, string name) =>
        _standInReasons.TryGetValue(id, out var why)
            ? $"{why}; {kind} {id} is evaluated as {name}, a stand-in that Ref and Fn::GetAtt of {id} resolve to (a policy pattern that depends on the unknown part of the name cannot be judged)"
            : null;

    [GeneratedRegex(@"^[\w+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IamName();

    /// <summary>The longest name of each type (IAM User Guide, "IAM and AWS STS quotas": role and user names 64, group, policy and instance profile names 128; S3 bucket names 63).</summary>
    private static readonly Dictionary<string, int> NameLimits = new(StringComparer.Ordinal)
    {
        ["AWS::IAM::Role"] = 64,
        ["AWS::IAM::User"] = 64,
        ["AWS::IAM::Group"] = 128,
        ["AWS::IAM::ManagedPolicy"] = 128,
        ["AWS::IAM::InstanceProfile"] = 128,
        ["AWS::S3::Bucket"] = 63,
    };

    /// <summary>The length of the random part CloudFormation appends to a name it generates (e.g. <c>85C94J38RDE2</c>).</summary>
    private const int RandomLength = 12;

    private string GeneratedName(string id) => GeneratedName(id, GeneratedSuffix);

    /// <summary>
    /// <c>STACK-LogicalId-SUFFIX</c>; when <c>STACK-LogicalId-</c> and CloudFormation's random part would pass the type's
    /// name limit, CloudFormation shortens the stack name and the logical ID (the longer first), as here.
    /// </summary>
    private string GeneratedName(string id, string suffix)
    {
        var type = _stack.Resources.TryGetValue(id, out var resource) && resource["Type"] is DocScalar t ? t.Value : string.Empty;
        var (stack, logical) = Shortened(type, id);
        return $"{stack}-{logical}-{suffix}";
    }

    /// <summary>The stack name and logical ID as a generated name of <paramref name="type"/> holds them.</summary>
    private (string Stack, string LogicalId) Shortened(string type, string id)
    {
        var stack = _stack.Name;
        if (!NameLimits.TryGetValue(type, out var limit) || stack.Length + id.Length + RandomLength + 2 <= limit)
        {
            return (stack, id);
        }

        var budget = limit - RandomLength - 2;
        var half = budget / 2;
        var stackLength = stack.Length <= half ? stack.Length : Math.Max(half, budget - id.Length);
        var idLength = Math.Min(id.Length, budget - stackLength);
        return (stack[..stackLength].TrimEnd('-'), id[..idLength]);
    }

    /// <summary>Whether CloudFormation shortens the name it generates for <paramref name="id"/>, and the limit it keeps to.</summary>
    private int? ShortenedTo(string id)
    {
        var type = _stack.Resources.TryGetValue(id, out var resource) && resource["Type"] is DocScalar t ? t.Value : string.Empty;
        return Shortened(type, id) == (_stack.Name, id) ? null : NameLimits[type];
    }

    private bool IsGenerated(string name, string id) => string.Equals(name, GeneratedName(id), StringComparison.Ordinal);

    /// <summary>A nested stack (<c>AWS::CloudFormation::Stack</c>, <c>AWS::Serverless::Application</c>): its template's location when known, and the parameter values known.</summary>
    /// <param name="Id">The nested stack's logical ID in the parent.</param>
    /// <param name="Type"><c>AWS::CloudFormation::Stack</c> or <c>AWS::Serverless::Application</c>.</param>
    /// <param name="Location">The template's location as written, when known before deploy.</param>
    /// <param name="Parameters">The parameter values the parent passes that are known before deploy.</param>
    /// <param name="Origin">Where the parent defines it.</param>
    /// <param name="Property"><c>TemplateURL</c> or <c>Location</c>.</param>
    public sealed record NestedStack(string Id, string Type, string? Location, IReadOnlyDictionary<string, string> Parameters, IacOrigin Origin, string Property)
    {
        /// <summary>The parameters the parent passes as values known only at deploy (a <c>Fn::GetAtt</c> of another stack's output), each with why.</summary>
        public IReadOnlyDictionary<string, DocUnknown> Deferred { get; init; } = new Dictionary<string, DocUnknown>(StringComparer.Ordinal);

        /// <summary>
        /// The file name the location ends in, when it is known though the rest is not (<c>!Sub https://${Bucket}.s3.amazonaws.com/glue.yaml</c>).
        /// </summary>
        public string? FileName { get; init; }
    }

    /// <summary>A policy document as far as it is known: the known statements, the others, or why none is known.</summary>
    private sealed record ReadDocument(PolicyDocument? Document, IReadOnlyList<UnknownStatement> Statements, IacUnknown? Unknown);

    /// <summary>Reads one resource.</summary>
    private sealed class ResourceReader(CfnTemplateReader owner, string id, string type, DocMapping properties, IacOrigin origin, IacUnknown? uncertain)
    {
        private static readonly PolicyDocument Empty = new() { Version = PolicyDocument.Version2012 };

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
                    JobDefinition();
                    break;
                case "AWS::S3::Bucket":
                    Bucket();
                    break;
                case "AWS::S3::BucketPolicy":
                    BucketPolicy();
                    break;
                case "AWS::KMS::Key":
                    Key();
                    break;
                case "AWS::Glue::SecurityConfiguration":
                    SecurityConfiguration();
                    break;
                case "AWS::Glue::Connection":
                    Connection();
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
                case "AWS::Serverless::Application":
                    Nested(type == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location");
                    break;
            }
        }

        /// <summary>A nested stack: read when its template is local or given with --template, else reported not read.</summary>
        private void Nested(string locationProperty)
        {
            var locationNode = properties[locationProperty];
            var location = locationNode is null ? null : CfnResolver.Text(locationNode);
            var fileName = location is null && locationNode is DocUnknown { Pattern: { } pattern } && pattern.LastIndexOf('/') is var slash and >= 0
                && pattern[(slash + 1)..] is { Length: > 0 } last && !last.Contains('*', StringComparison.Ordinal)
                ? last
                : null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var deferred = new Dictionary<string, DocUnknown>(StringComparer.Ordinal);
            if (properties["Parameters"] is DocMapping given)
            {
                foreach (var (key, value) in given.Entries)
                {
                    var text = value is DocSequence list && list.Items.All(i => CfnResolver.Text(i) is not null)
                        ? string.Join(',', list.Items.Select(i => CfnResolver.Text(i)))
                        : CfnResolver.Text(value);
                    if (text is not null)
                    {
                        values[key] = text;
                    }
                    else
                    {
                        // Resolved in the parent's context: a deploy-time value (another stack's output) stays unknown, and says why.
                        var why = value.FindUnknown()?.Reason ?? "not a text value";
                        deferred[key] = new DocUnknown($"parameter {key} is passed by the parent stack ({owner._file}, {id}) as a value known only at deploy: {why}", value.Line)
                        {
                            Pattern = (value as DocUnknown)?.Pattern,
                        };
                    }
                }
            }

            var nested = new NestedStack(id, type, location, values, origin, locationProperty) { Deferred = deferred, FileName = fileName };
            if (owner._nested?.Invoke(nested) == true)
            {
                return;
            }

            var where = location is null && fileName is not null ? $"its {locationProperty} is known before deploy only as far as its file name ({fileName}), which no --template has"
                : location is null ? $"its {locationProperty} is not a file or URL known before deploy" : $"its template ({location}) is neither a local file nor given with --template";
            // One report, the unknown: a note beside it said the same again.
            Model.Unknowns.Add(new IacUnknown(origin, $"nested stack {id} ({type}) is not read: {where}; the IAM resources it may define are unknown (pass its template with --template to read it)"));
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

            if (owner.StandInReason(id, kind.ToString().ToLowerInvariant(), name) is { } standIn)
            {
                Model.Unknowns.Add(UnknownAt(nameProperty, properties[nameProperty] ?? properties, standIn));
            }

            var path = Text("Path") ?? "/";
            Model.Aliases.TryAdd(id, name);
            if (owner.IsGenerated(name, id))
            {
                Model.Aliases[id] = name;
                var shortened = owner.ShortenedTo(id) is { } limit
                    ? $" (shortened, as CloudFormation does, to fit IAM's {limit}-character limit: it keeps part of the stack name and logical ID)"
                    : string.Empty;
                Model.Notes.Add($"{origin}: {kind} {id} has no {nameProperty}; CloudFormation names it {owner._stack.Name}-{id}-<random>{shortened}, evaluated as {name}.");
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

            var document = Document(node, "AssumeRolePolicyDocument", byStatement: false);
            return document.Document is { } trust
                ? SourceResult.Found(trust)
                : SourceResult.Unreadable<PolicyDocument>(document.Unknown!.ToSourceError());
        }

        /// <summary>
        /// A policy document. With <paramref name="byStatement"/>, an unknown value reaches only the statements it stands
        /// in: the document holds the others, and each of those is an <see cref="UnknownStatement"/> bounded by what is
        /// known of its Action and Resource. When the list of statements itself is unknown, the whole document is.
        /// </summary>
        private ReadDocument Document(DocNode node, string property, bool byStatement = true)
        {
            if (node.FindUnknown() is null)
            {
                return new ReadDocument(Parse(node, property), [], null);
            }

            if (!byStatement || node is not DocMapping document || document["Statement"] is not { } statements || statements is DocUnknown
                || document.Entries.Any(e => e.Key != "Statement" && e.Value.FindUnknown() is not null))
            {
                var whole = UnknownAt(property, node);
                Model.Unknowns.Add(whole);
                return new ReadDocument(null, [], whole);
            }

            var items = statements is DocSequence list ? list.Items : [statements];
            var known = new List<DocNode>();
            var unknown = new List<UnknownStatement>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].FindUnknown() is null)
                {
                    known.Add(items[i]);
                    continue;
                }

                var at = statements is DocSequence ? $"{property}.Statement[{i}]" : $"{property}.Statement";
                var why = new IacUnknown(origin.At(at, items[i].Line), items[i].FindUnknown()!.Reason);
                Model.Unknowns.Add(why);
                unknown.Add(Widen(items[i], i, why));
            }

            var rest = new DocMapping([.. document.Entries.Select(e => e.Key == "Statement" ? new KeyValuePair<string, DocNode>(e.Key, new DocSequence(known, statements.Line)) : e)], document.Line);
            var parsed = known.Count > 0
                ? Parse(rest, property)
                : new PolicyDocument { Version = document["Version"] is { } version ? CfnResolver.Text(version) : null };
            return new ReadDocument(parsed, unknown, null);
        }

        private PolicyDocument Parse(DocNode node, string property)
        {
            var json = node is DocScalar text ? text.Value : node.ToJson()!;
            try
            {
                return PolicyDocument.Parse(json);
            }
            catch (PolicyDocumentException e)
            {
                throw new IacTemplateException($"Not a valid policy document: {e.Message}", owner._file, node.KeyLine, $"$.Resources.{id}.Properties.{property}", e);
            }
        }

        /// <summary>What is known of a statement with an unknown value: its Action and Resource, each unknown part widened.</summary>
        private static UnknownStatement Widen(DocNode item, int index, IacUnknown why)
        {
            var statement = new UnknownStatement(index, why.ToSourceError());
            if (item is not DocMapping element)
            {
                return statement;
            }

            var (action, notAction) = Element(element, "Action", "NotAction");
            var (resource, notResource) = Element(element, "Resource", "NotResource");
            return statement with
            {
                Sid = element["Sid"] is { } sid ? CfnResolver.Text(sid) : null,
                Effect = (element["Effect"] is { } effect ? CfnResolver.Text(effect) : null) switch { "Allow" => Effect.Allow, "Deny" => Effect.Deny, _ => null },
                Action = action,
                NotAction = notAction,
                Resource = resource,
                NotResource = notResource,
            };
        }

        /// <summary>
        /// An element (<c>Action</c>, <c>Resource</c>) as patterns it could match, an unknown part written <c>*</c>; or
        /// its Not form with only the known items (it then excludes less). (null, null): any value.
        /// </summary>
        private static (IReadOnlyList<string>? Element, IReadOnlyList<string>? NotElement) Element(DocMapping statement, string name, string notName)
        {
            if (statement[name] is { } included)
            {
                return included switch
                {
                    DocScalar scalar => ([scalar.Value], null),
                    DocUnknown { Pattern: { } pattern } => ([pattern], null),
                    DocSequence items => ([.. items.Items.Select(i => CfnResolver.Text(i) ?? (i as DocUnknown)?.Pattern ?? "*")], null),
                    _ => (null, null),
                };
            }

            return statement[notName] switch
            {
                DocScalar scalar => (null, [scalar.Value]),
                DocSequence items => (null, [.. items.Items.Select(CfnResolver.Text).OfType<string>()]),
                _ => (null, null),
            };
        }

        /// <summary>A statement read in full, as an unknown: it counts only where it could match (its resource's existence is unknown).</summary>
        private static UnknownStatement Known(PolicyStatement statement, int index, IacUnknown why) => new(index, why.ToSourceError())
        {
            Sid = statement.Sid,
            Effect = statement.Effect,
            Action = statement.Action,
            NotAction = statement.NotAction,
            Resource = statement.Resource,
            NotResource = statement.NotResource,
        };

        private void AddInline(ModelEntity entity, DocNode? nameNode, DocNode? documentNode, string property, int line)
        {
            if (documentNode is null)
            {
                throw new IacTemplateException("An inline policy needs a PolicyDocument.", owner._file, line, $"$.Resources.{id}.Properties.{property}");
            }

            // A name known only in part at deploy keeps its known text, UNKNOWN for the rest (as a role's does); one with no
            // known text goes by the logical ID of the resource that holds it.
            var name = nameNode is null ? id
                : CfnResolver.Text(nameNode)
                ?? (nameNode is DocUnknown { Pattern: { } pattern } && pattern.Replace("*", string.Empty, StringComparison.Ordinal).Trim('-', '_', '.').Length > 0
                    ? pattern.Replace("*", UnknownPart, StringComparison.Ordinal)
                    : id);
            // Role Policies[i] hold a PolicyDocument; an AWS::IAM::Policy (and RolePolicy, UserPolicy, GroupPolicy) is one.
            var read = Document(documentNode, property == "PolicyDocument" ? property : $"{property}.PolicyDocument");
            var at = origin.At(property, documentNode.KeyLine);
            if (uncertain is not null && entity.Uncertain is null)
            {
                // Whether this policy exists is unknown: each statement counts only where it could match.
                IReadOnlyList<UnknownStatement> statements = read.Document is { } known
                    ? [.. known.Statements.Select((s, i) => Known(s, i, uncertain)), .. read.Statements]
                    : [new UnknownStatement(0, uncertain.ToSourceError())];
                entity.Inline.Add((new InlinePolicy(name, Empty) { UnknownStatements = statements }, at));
            }
            else if (uncertain is not null)
            {
                entity.InlineUnknown.Add(uncertain);
            }
            else if (read.Document is null)
            {
                entity.Inline.Add((new InlinePolicy(name, Empty) { UnknownStatements = [new UnknownStatement(0, read.Unknown!.ToSourceError())] }, at));
            }
            else
            {
                entity.Inline.Add((new InlinePolicy(name, read.Document) { UnknownStatements = read.Statements }, at));
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
                        else if (uncertain is null)
                        {
                            // The policy attached is unknown; the others are not: it reads as a policy that cannot be read.
                            var placeholder = Model.UnknownPolicyArn(UnknownAt($"{property}[{i}]", item));
                            entity.Attached.Add((new AttachedPolicy(placeholder[(placeholder.IndexOf('/', StringComparison.Ordinal) + 1)..].Replace('/', '-'), placeholder), origin.At($"{property}[{i}]", item.Line)));
                        }
                        else
                        {
                            entity.AttachedUnknown.Add(uncertain);
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

            var name = arn[(arn.LastIndexOf('/') + 1)..];
            if (owner.StandInReason(id, "managed policy", name) is { } standIn)
            {
                Model.Unknowns.Add(UnknownAt("ManagedPolicyName", properties["ManagedPolicyName"] ?? properties, standIn));
            }

            var read = properties["PolicyDocument"] is { } node
                ? Document(node, "PolicyDocument")
                : throw new IacTemplateException($"Managed policy {id} has no PolicyDocument.", owner._file, origin.Line, $"$.Resources.{id}.Properties");
            if (Model.Policies.TryGetValue(arn, out var existing))
            {
                throw new IacTemplateException($"Managed policy {arn} is defined twice: here and at {existing.Origin}.", owner._file, origin.Line, $"$.Resources.{id}");
            }

            Model.Policies[arn] = new ModelManagedPolicy(name, arn, origin, read.Document, read.Unknown ?? uncertain) { UnknownStatements = read.Statements };
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

        /// <summary>What a job does at run time, for preflight: its script, arguments, connections and security configuration.</summary>
        private void JobDefinition()
        {
            if (!Model.Aliases.TryGetValue(id, out var name) || !Model.Glue.TryGetValue((GlueResourceKind.Job, name), out var job) || job.Role is not { } role)
            {
                return;
            }

            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in (string[])["DefaultArguments", "NonOverridableArguments"])
            {
                if (properties[member] is DocMapping values)
                {
                    foreach (var (key, value) in values.Entries)
                    {
                        if (CfnResolver.Text(value) is { } text)
                        {
                            arguments[key] = text;
                        }
                    }
                }
            }

            var connections = properties["Connections"] is DocMapping list && list["Connections"] is DocSequence names
                ? names.Items.Select(CfnResolver.Text).OfType<string>().ToList()
                : [];
            Model.JobDefinitions[name] = new Preflight.GlueJobDefinition(name, role)
            {
                ScriptLocation = properties["Command"] is DocMapping command && command["ScriptLocation"] is { } script ? CfnResolver.Text(script) : null,
                Arguments = arguments,
                Connections = connections,
                SecurityConfiguration = Text("SecurityConfiguration"),
                Exists = false,
                Location = origin.ToString(),
            };
        }

        /// <summary>A bucket with a known name: no policy unless a bucket policy of the template gives it one.</summary>
        private void Bucket()
        {
            // A generated name is the same stand-in wherever the template refers to the bucket (Ref, Sub), so a bucket this
            // template creates has the policy its BucketPolicy resource gives it, or none, whatever its name.
            if (CfnResolver.Text(owner.Name(id, $"$.Resources.{id}", origin.Line!.Value)) is { } name)
            {
                Model.BucketPolicies.TryAdd(name, SourceResult.Found(new Preflight.ResourcePolicy(null) { Location = origin.ToString(), OwnerAccount = Model.AccountId }));
            }
        }

        private void BucketPolicy()
        {
            if (Text("Bucket") is not { } bucket || properties["PolicyDocument"] is not { } node)
            {
                return;
            }

            Model.BucketPolicies[bucket] = ResourcePolicy(node, "PolicyDocument", $"the bucket policy of {bucket}");
        }

        private void Key()
        {
            var arn = owner.KeyArn(id);
            Model.KeyPolicies[arn] = properties["KeyPolicy"] is { } node
                ? ResourcePolicy(node, "KeyPolicy", $"the key policy of {id}")
                : SourceResult.Unreadable<Preflight.ResourcePolicy>(new SourceError($"Key {id} has no KeyPolicy: AWS gives it the default key policy, not read here.") { Location = origin.ToString() });
        }

        private SourceResult<Preflight.ResourcePolicy> ResourcePolicy(DocNode node, string property, string subject)
        {
            if (node.FindUnknown() is { } unknown)
            {
                var why = UnknownAt(property, node);
                Model.Unknowns.Add(why);
                return SourceResult.Unreadable<Preflight.ResourcePolicy>(new SourceError($"{subject} is known only after deploy: {unknown.Reason}") { Location = origin.ToString() });
            }

            var json = node is DocScalar text ? text.Value : node.ToJson()!;
            try
            {
                return SourceResult.Found(new Preflight.ResourcePolicy(PolicyDocument.Parse(json, Policies.Evaluation.PolicyType.ResourceBased)) { Location = origin.At(property, node.KeyLine).ToString(), OwnerAccount = Model.AccountId });
            }
            catch (PolicyDocumentException e)
            {
                throw new IacTemplateException($"Not a valid {subject}: {e.Message}", owner._file, node.KeyLine, $"$.Resources.{id}.Properties.{property}", e);
            }
        }

        private void SecurityConfiguration()
        {
            var name = Text("Name") ?? id;
            var result = new Preflight.GlueSecurityConfiguration(name);
            if (properties["EncryptionConfiguration"] is DocMapping encryption)
            {
                if (encryption["S3Encryptions"] is DocSequence { Items.Count: > 0 } s3 && s3.Items[0] is DocMapping first)
                {
                    result = result with { S3EncryptionMode = Scalar(first, "S3EncryptionMode"), S3KmsKeyArn = Scalar(first, "KmsKeyArn") };
                }

                if (encryption["CloudWatchEncryption"] is DocMapping logs)
                {
                    result = result with { CloudWatchEncryptionMode = Scalar(logs, "CloudWatchEncryptionMode"), CloudWatchKmsKeyArn = Scalar(logs, "KmsKeyArn") };
                }

                if (encryption["JobBookmarksEncryption"] is DocMapping bookmarks)
                {
                    result = result with { JobBookmarksEncryptionMode = Scalar(bookmarks, "JobBookmarksEncryptionMode"), JobBookmarksKmsKeyArn = Scalar(bookmarks, "KmsKeyArn") };
                }
            }

            Model.SecurityConfigurations[name] = result;
        }

        private void Connection()
        {
            if (properties["ConnectionInput"] is not DocMapping input)
            {
                return;
            }

            var name = Scalar(input, "Name") ?? id;
            var secret = input["ConnectionProperties"] is DocMapping connectionProperties ? Scalar(connectionProperties, "SECRET_ID") : null;
            secret ??= input["AuthenticationConfiguration"] is DocMapping authentication ? Scalar(authentication, "SecretArn") : null;
            Model.Connections[name] = new Preflight.GlueConnection(name)
            {
                ConnectionType = Scalar(input, "ConnectionType"),
                SecretId = secret,
                SubnetId = input["PhysicalConnectionRequirements"] is DocMapping physical ? Scalar(physical, "SubnetId") : null,
            };
        }

        private static string? Scalar(DocMapping owner, string property) => owner[property] is { } node ? CfnResolver.Text(node) : null;

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
            else
            {
                // --job takes the logical ID too.
                Model.Aliases.TryAdd(id, name);
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
