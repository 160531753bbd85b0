namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The tool's documented exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (a verdict was reached, every file is valid).</summary>
    public const int Success = 0;

    /// <summary>A checked condition failed: an invalid policy file, a case whose decision differs from its expectation.</summary>
    public const int CheckFailed = 1;

    /// <summary>The input could not be used: a missing file, a bad argument.</summary>
    public const int BadInput = 2;

    /// <summary>The investigation could not reach a verdict because some data could not be read.</summary>
    public const int Incomplete = 3;
}
