using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Internal.Model;

/// <summary>
/// What the IaC sources define, merged: IAM entities with their policies and Glue resources, each piece with its origin,
/// and for each piece that cannot be known before deploy, why. Filled by the readers, then served by <see cref="IacAccount"/>.
/// </summary>
internal sealed class IacModel(string accountId, string partition)
{
    public string AccountId { get; } = accountId;

    public string Partition { get; } = partition;

    /// <summary>The parameters the templates read declare (every stack's <c>Parameters</c>), to check <c>--parameter</c> names against.</summary>
    public HashSet<string> DeclaredParameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ModelEntity> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ModelEntity> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ModelEntity> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Customer managed policies by ARN.</summary>
    public Dictionary<string, ModelManagedPolicy> Policies { get; } = new(StringComparer.Ordinal);

    public Dictionary<(GlueResourceKind Kind, string Name), ModelGlue> Glue { get; } = [];

    /// <summary>Logical ID or address to the physical name, for roles and Glue resources whose names are generated.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>The Glue jobs' definitions (script, arguments, connections, security configuration), by job name, for preflight.</summary>
    public Dictionary<string, GluePassRole.Diagnostics.Preflight.GlueJobDefinition> JobDefinitions { get; } = new(StringComparer.Ordinal);

    /// <summary>The buckets the IaC defines, by name: their policy (a document, none, or unknown before deploy).</summary>
    public Dictionary<string, SourceResult<GluePassRole.Diagnostics.Preflight.ResourcePolicy>> BucketPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>The KMS keys the IaC defines, by ARN (a stand-in key ID: the logical ID), with their key policy.</summary>
    public Dictionary<string, SourceResult<GluePassRole.Diagnostics.Preflight.ResourcePolicy>> KeyPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>The Glue security configurations the IaC defines, by name.</summary>
    public Dictionary<string, GluePassRole.Diagnostics.Preflight.GlueSecurityConfiguration> SecurityConfigurations { get; } = new(StringComparer.Ordinal);

    /// <summary>The Glue connections the IaC defines, by name.</summary>
    public Dictionary<string, GluePassRole.Diagnostics.Preflight.GlueConnection> Connections { get; } = new(StringComparer.Ordinal);

    /// <summary>Additions to entities the IaC may not define itself (they may live in the snapshot below): inline, attached, memberships.</summary>
    public Dictionary<(IamEntityKind Kind, string Name), ModelEntity> Additions { get; } = [];

    /// <summary>Policies or memberships whose target is unknown: every entity of that kind may have received them.</summary>
    public Dictionary<IamEntityKind, List<IacUnknown>> UnknownTargets { get; } = [];

    public List<IacUnknown> Unknowns { get; } = [];

    /// <summary>Placeholder policy ARNs (a boundary or managed policy ARN that is unknown before deploy) and why.</summary>
    public Dictionary<string, IacUnknown> UnknownPolicyArns { get; } = new(StringComparer.Ordinal);

    /// <summary>A placeholder ARN for a policy ARN that is unknown: reading it answers unreadable with the reason.</summary>
    public string UnknownPolicyArn(IacUnknown unknown)
    {
        var arn = Arn("policy", "/unknown-before-deploy/", $"{UnknownPolicyArns.Count + 1}");
        UnknownPolicyArns[arn] = unknown;
        Unknowns.Add(unknown);
        return arn;
    }

    public List<string> Notes { get; } = [];

    public List<string> Files { get; } = [];

    /// <summary>The form each file is written in (YAML or JSON template, Terraform), for fixes written as changes to it.</summary>
    public Dictionary<string, TemplateChangeFormat> Formats { get; } = new(StringComparer.Ordinal);

    /// <summary>The type of each resource read (<c>AWS::IAM::Group</c>, <c>aws_iam_group</c>), by file and logical ID or address.</summary>
    public Dictionary<(string File, string Resource), string> ResourceTypes { get; } = [];

    /// <summary>The line of each CloudFormation resource read, by file and logical ID.</summary>
    public Dictionary<(string File, string Resource), int> ResourceLines { get; } = [];

    /// <summary>The roles SAM generates for functions with no Role (<c>FunctionRole</c>), by file and the role's logical ID, to the function's logical ID.</summary>
    public Dictionary<(string File, string Role), string> SamGeneratedRoles { get; } = [];

    public Dictionary<string, ModelEntity> Entities(IamEntityKind kind) => kind switch
    {
        IamEntityKind.User => Users,
        IamEntityKind.Group => Groups,
        _ => Roles,
    };

    /// <summary>The entity the IaC defines, or the additions it makes to one defined elsewhere.</summary>
    public ModelEntity Target(IamEntityKind kind, string name) =>
        Entities(kind).TryGetValue(name, out var entity) ? entity
        : Additions.TryGetValue((kind, name.ToUpperInvariant()), out var added) ? added
        : Additions[(kind, name.ToUpperInvariant())] = new ModelEntity(kind, name, null);

    public void AddUnknownTarget(IamEntityKind kind, IacUnknown unknown)
    {
        if (!UnknownTargets.TryGetValue(kind, out var list))
        {
            UnknownTargets[kind] = list = [];
        }

        list.Add(unknown);
        Unknowns.Add(unknown);
    }

    public string Arn(string type, string path, string name) => $"arn:{Partition}:iam::{AccountId}:{type}{path}{name}";

    /// <summary>Adds an entity; a second definition of the same name (two stacks, or a stack and a plan) is an error AWS would also refuse.</summary>
    public void Define(ModelEntity entity)
    {
        var entities = Entities(entity.Kind);
        if (entities.TryGetValue(entity.Name, out var existing))
        {
            throw new IacTemplateException(
                $"{entity.Kind} {entity.Name} is defined twice: here and at {existing.Origin} (IAM names are unique in an account).",
                entity.Origin!.File, entity.Origin.Line, entity.Origin.Resource);
        }

        entities[entity.Name] = entity;
        if (Additions.Remove((entity.Kind, entity.Name.ToUpperInvariant()), out var earlier))
        {
            entity.MergeFrom(earlier);
        }
    }
}

/// <summary>A user, group or role, or the policies and memberships the IaC adds to one (then <see cref="Origin"/> is null).</summary>
internal sealed class ModelEntity(IamEntityKind kind, string name, IacOrigin? origin)
{
    public IamEntityKind Kind { get; } = kind;

    public string Name { get; } = name;

    /// <summary>Where the entity is defined; <see langword="null"/> for additions to an entity defined elsewhere.</summary>
    public IacOrigin? Origin { get; } = origin;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    /// <summary>The role's trust policy: found, or unreadable with the reason.</summary>
    public SourceResult<PolicyDocument>? TrustPolicy { get; init; }

    /// <summary>The boundary ARN, or a placeholder whose policy answers unknown (see <see cref="IacAccount"/>).</summary>
    public string? BoundaryArn { get; set; }

    public IReadOnlyList<IamTag> Tags { get; init; } = [];

    /// <summary>When set, the entity itself is uncertain (its resource's Condition is unknown): every read of it is unreadable.</summary>
    public IacUnknown? Uncertain { get; init; }

    public List<(InlinePolicy Policy, IacOrigin Origin)> Inline { get; } = [];

    public List<(AttachedPolicy Policy, IacOrigin Origin)> Attached { get; } = [];

    public List<(string Group, IacOrigin Origin)> GroupMemberships { get; } = [];

    /// <summary>Inline policies that may exist but cannot be read at all (the entity's Policies property is unknown, or the entity may not exist).</summary>
    public List<IacUnknown> InlineUnknown { get; } = [];

    public List<IacUnknown> AttachedUnknown { get; } = [];

    public List<IacUnknown> GroupsUnknown { get; } = [];

    public void MergeFrom(ModelEntity other)
    {
        Inline.AddRange(other.Inline);
        Attached.AddRange(other.Attached);
        GroupMemberships.AddRange(other.GroupMemberships);
        InlineUnknown.AddRange(other.InlineUnknown);
        AttachedUnknown.AddRange(other.AttachedUnknown);
        GroupsUnknown.AddRange(other.GroupsUnknown);
    }
}

/// <summary>A customer managed policy the IaC defines: its document (the statements known, and the others), or why it is unknown.</summary>
internal sealed record ModelManagedPolicy(string Name, string Arn, IacOrigin Origin, PolicyDocument? Document, IacUnknown? Unknown)
{
    /// <summary>The statements with a value known only at deploy.</summary>
    public IReadOnlyList<UnknownStatement> UnknownStatements { get; init; } = [];
}

/// <summary>A Glue resource the IaC defines: its role reference (name or ARN), or why it is unknown.</summary>
internal sealed record ModelGlue(GlueResourceKind Kind, string Name, string? Role, IacOrigin Origin, IacUnknown? Unknown)
{
    /// <summary>Where the role is named (the <c>Role</c> property), for findings about the role.</summary>
    public IacOrigin? RoleOrigin { get; init; }

    /// <summary>Whether the name was generated (no name property): then <see cref="Name"/> is the stand-in described on <see cref="IacAccount"/>.</summary>
    public bool NameIsGenerated { get; init; }
}
