namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The tool's documented exit codes (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (a verdict was reached, every file is valid).</summary>
    public const int Success = 0;

    /// <summary>A checked condition failed: an invalid policy file, a case whose decision differs from its expectation.</summary>
    public const int CheckFailed = 1;

    /// <summary>The input could not be used: a missing or empty file, a bad or unknown option, a folder that cannot be written.</summary>
    public const int BadInput = 2;

    /// <summary>The investigation could not reach a verdict because some data could not be read.</summary>
    public const int Incomplete = 3;

    /// <summary>
    /// <c>policy validate --type</c>: no errors, but security warnings (e.g. <c>iam:PassRole</c> on every role). Separate
    /// from <see cref="CheckFailed"/> so CI can choose whether security warnings fail a build.
    /// </summary>
    public const int SecurityWarnings = 4;

    /// <summary>
    /// Something failed that the tool does not expect (a bug or an environment fault): one sentence is printed, and
    /// <c>--verbose</c> prints the detail. Never a verdict.
    /// </summary>
    public const int UnexpectedFailure = 5;

    /// <summary>The command was cancelled (Ctrl+C) before it finished: 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
