using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>A Glue job, crawler, dev endpoint or ML transform the IaC defines, and the role it runs with.</summary>
/// <param name="Kind">The kind of resource.</param>
/// <param name="Name">Its name (a stand-in when generated: see <see cref="NameIsGenerated"/>).</param>
/// <param name="Role">The role as the IaC names it (name or ARN), or <see langword="null"/> when unknown before deploy.</param>
/// <param name="Origin">Where it is defined.</param>
public sealed record IacGlueResource(GlueResourceKind Kind, string Name, string? Role, IacOrigin Origin)
{
    /// <summary>Where the role is named (the <c>Role</c> property or attribute).</summary>
    public IacOrigin? RoleOrigin { get; init; }

    /// <summary>Why the resource or its role is unknown before deploy, if it is.</summary>
    public IacUnknown? Unknown { get; init; }

    /// <summary>Whether the IaC gives no name, so the name is generated at deploy.</summary>
    public bool NameIsGenerated { get; init; }
}
