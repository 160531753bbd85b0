using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>A value the IaC defines that cannot be known before deploy (an import, a custom resource's attribute, a condition on a parameter with no value...).</summary>
/// <param name="Origin">The file, resource and property.</param>
/// <param name="Reason">Why it is unknown.</param>
public sealed record IacUnknown(IacOrigin Origin, string Reason)
{
    /// <summary>The unknown as the source error the account ports answer with.</summary>
    /// <returns>The error, with the file and line as its location and the resource and property as its path.</returns>
    public SourceError ToSourceError() => new($"unknown before deploy: {Reason}")
    {
        Location = Origin.Line is > 0 ? $"{Origin.File}:{Origin.Line}" : Origin.File,
        JsonPath = Origin.Property is null ? Origin.Resource : $"{Origin.Resource}.{Origin.Property}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Origin}: {Reason}";
}
