using System.Text.Json;

namespace GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

/// <summary>The real policy documents under TestData/: AWS managed policies and the IAM guide's force-MFA policy.</summary>
internal static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static IEnumerable<string> ManagedPolicyNames =>
        Directory.EnumerateFiles(Path.Combine(Root, "managed-policies"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The default version's document of a managed policy, as saved from <c>aws iam get-policy-version</c>.</summary>
    public static string ManagedPolicyJson(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "managed-policies", name + ".json")));
        return json.RootElement.GetProperty("PolicyVersion").GetProperty("Document").GetRawText();
    }

    public static PolicyDocument ManagedPolicy(string name) => PolicyDocument.Parse(ManagedPolicyJson(name));

    /// <summary>The IAM User Guide's "allow MFA-authenticated users to manage their own credentials" policy.</summary>
    public static string ForceMfaJson => File.ReadAllText(Path.Combine(Root, "force-mfa_my-sec-creds-self-manage.json"));

    public static string ForceMfaOnlyJson => File.ReadAllText(Path.Combine(Root, "force-mfa_my-sec-creds-self-manage-mfa-only.json"));
}
