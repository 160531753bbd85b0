using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>The bundled IaC samples under samples/iac.</summary>
internal static class IacSamples
{
    public static string Root => Path.GetFullPath(Path.Combine(SampleAccounts.Folder("."), "..", "iac"));

    public static string PlatformTemplate => Path.Combine(Root, "cloudformation", "glue-platform.yaml");

    public static string TerraformPlan => Path.Combine(Root, "terraform", "plan.json");

    public static string CdkOut => Path.Combine(Root, "cdk", "cdk.out");

    public static string AccountTemplate(string sample) => Path.Combine(Root, "accounts", sample + ".yaml");

    /// <summary>A template of this test project (tests/GluePassRole.Diagnostics.Iac.Tests/Templates).</summary>
    public static string TestTemplate(string name) =>
        Path.GetFullPath(Path.Combine(Root, "..", "..", "tests", "GluePassRole.Diagnostics.Iac.Tests", "Templates", name));

    /// <summary>A Terraform plan of this test project (tests/GluePassRole.Diagnostics.Iac.Tests/Plans).</summary>
    public static string TestPlan(string name) =>
        Path.GetFullPath(Path.Combine(Root, "..", "..", "tests", "GluePassRole.Diagnostics.Iac.Tests", "Plans", name));

    /// <summary>Writes a template into a temporary file and returns its path.</summary>
    public static string Write(string text, string extension = ".yaml")
    {
        var file = Path.Combine(Path.GetTempPath(), $"iac-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(file, text);
        return file;
    }
}
