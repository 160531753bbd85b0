namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>Tests that change process-wide environment variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}
