namespace GluePassRole.Diagnostics.Sources;

/// <summary>A Glue resource and the role it runs with.</summary>
/// <param name="Kind">The kind of resource.</param>
/// <param name="Name">Its name (for a session or ML transform, its ID when it has no name).</param>
/// <param name="Role">The role exactly as Glue stores it: a bare role name or a role ARN. Resolve it with <see cref="RoleReferenceResolver"/>.</param>
public sealed record GlueResource(GlueResourceKind Kind, string Name, string Role);
