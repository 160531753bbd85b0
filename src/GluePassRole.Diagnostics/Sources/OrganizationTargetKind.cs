namespace GluePassRole.Diagnostics.Sources;

/// <summary>Where in an organization a service control policy is attached.</summary>
public enum OrganizationTargetKind
{
    /// <summary>The organization root (<c>r-...</c>).</summary>
    Root,

    /// <summary>An organizational unit (<c>ou-...</c>).</summary>
    OrganizationalUnit,

    /// <summary>The account itself.</summary>
    Account,
}
