using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>The one way steps report data they could not read: never a deny, always the missing permission.</summary>
internal static class Unreadable
{
    public static Finding Finding(string what, SourceError error) => new(
        FindingCodes.UnreadableData,
        FindingSeverity.Warning,
        $"Could not read {what}: {error.Message}" + (error.MissingPermission is { } permission ? $" Grant {permission} to read it." : string.Empty))
    {
        Evidence = [new Evidence { Note = error.ToString(), MissingPermission = error.MissingPermission }],
    };
}
