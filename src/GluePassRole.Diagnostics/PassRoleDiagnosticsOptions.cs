namespace GluePassRole.Diagnostics;

/// <summary>Settings of the investigation. Validated when the investigator is first resolved.</summary>
public sealed class PassRoleDiagnosticsOptions
{
    /// <summary>The folder of an offline account snapshot to read (see the README's snapshot layout).</summary>
    /// <value>The default value is <see langword="null"/>: the source is chosen on the builder, or none is configured.</value>
    public string? SnapshotDirectory { get; set; }
}
