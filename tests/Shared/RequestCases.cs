namespace GluePassRole.Diagnostics.TestShared;

/// <summary>
/// The request cases under tests/Shared/RequestCases (issue 17): accounts where the answer depends on a key AWS puts in
/// the request context, on a circumstance, or on a rule of iam:PassRole. Each case folder holds <c>snapshot/</c> (with
/// <c>error.txt</c>), <c>template.yaml</c> and a README.md stating what AWS decides and why. Linked into every test
/// project; read from the repository, like <see cref="SampleAccounts"/>, so nothing is copied to the output.
/// </summary>
internal static class RequestCases
{
    /// <summary>The account of every case's snapshot.</summary>
    public const string AccountId = "111122223333";

    /// <summary>Every case folder.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "admin-guardrail", "abac-tags", "trust-source-account", "org-keys", "time-window", "username-resource",
        "source-ip", "source-ip-guardrail", "mfa-age", "cross-account-role", "mfa-mismatch",
    ];

    /// <summary>tests/Shared/RequestCases.</summary>
    public static string Root => Path.Combine(SampleAccounts.RepositoryRoot, "tests", "Shared", "RequestCases");

    /// <summary>The case folder (README.md, template.yaml, snapshot/).</summary>
    public static string Folder(string name) => Path.Combine(Root, name);

    /// <summary>The case's account snapshot folder, for <c>AccountSnapshot.LoadFromDirectory</c> or <c>--snapshot</c>.</summary>
    public static string Snapshot(string name) => Path.Combine(Folder(name), "snapshot");

    /// <summary>The AccessDenied text that goes with the snapshot.</summary>
    public static string ErrorFile(string name) => Path.Combine(Snapshot(name), "error.txt");

    /// <summary>The same account as a CloudFormation template (deploy with account <see cref="AccountId"/>).</summary>
    public static string Template(string name) => Path.Combine(Folder(name), "template.yaml");
}
