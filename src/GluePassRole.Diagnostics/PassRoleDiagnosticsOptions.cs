namespace GluePassRole.Diagnostics;

/// <summary>Settings of the investigation. Validated when the investigator is first resolved.</summary>
public sealed class PassRoleDiagnosticsOptions
{
    /// <summary>The folder of an offline account snapshot to read (see the README's snapshot layout).</summary>
    /// <value>The default value is <see langword="null"/>: the source is chosen on the builder, or none is configured.</value>
    public string? SnapshotDirectory { get; set; }

    /// <summary>
    /// The time budget of one investigation. When it runs out, the step that was reading is reported as incomplete
    /// (naming what was not read), later steps are skipped, and the verdict is only as sure as the data read by then.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
