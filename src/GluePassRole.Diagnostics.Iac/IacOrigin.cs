namespace GluePassRole.Diagnostics.Iac;

/// <summary>Where something in an infrastructure-as-code account was defined.</summary>
/// <param name="File">The template or plan file.</param>
/// <param name="Resource">The CloudFormation logical ID (e.g. <c>EtlRole</c>) or Terraform address (e.g. <c>module.etl.aws_iam_role.runtime</c>).</param>
/// <param name="Line">The 1-based line the resource or property starts on, when known (Terraform plans carry none).</param>
public sealed record IacOrigin(string File, string Resource, int? Line)
{
    /// <summary>The property inside the resource (e.g. <c>Policies[0].PolicyDocument</c>), when the origin is narrower than the resource.</summary>
    public string? Property { get; init; }

    /// <summary>The origin narrowed to a property, on the given line when known.</summary>
    /// <param name="property">The property path inside the resource.</param>
    /// <param name="line">Its line, or 0 when unknown (keeps the resource's line).</param>
    /// <returns>The narrower origin.</returns>
    public IacOrigin At(string property, int line = 0) => this with { Property = property, Line = line > 0 ? line : Line };

    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Line is > 0 ? $":{Line}" : string.Empty)} ({Resource}{(Property is null ? string.Empty : $".{Property}")})";
}
