using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 19 item 10: the audit JSON is written from DTOs (System.Text.Json source generation, streamed) instead of by
/// hand. On every bundled sample (each account snapshot, by cause and with <c>--pairs</c>, and each IaC sample) it is
/// byte for byte what the hand-written writer gave (TestData/audit-json, written by the commit before the DTOs) and it
/// validates against docs/passrole-audit.schema.json.
/// </summary>
public sealed class AuditJsonContractTests
{
    private static readonly string[] Accounts =
    [
        "assumed-role-caller", "audit-escalation", "boundary-no-allow", "field-note", "field-note-sdk-encoded", "job-uses-other-role",
        "role-not-trusting-glue", "scp-deny", "service-role-path",
    ];

    private static readonly string[] IacSamples =
    [
        "accounts/boundary-no-allow.yaml", "accounts/field-note.yaml", "accounts/job-uses-other-role.yaml", "accounts/role-not-trusting-glue.yaml",
        "accounts/service-role-path.yaml", "cloudformation/glue-platform.yaml", "cloudformation/reporting-job.yaml",
    ];

    /// <summary>Each bundled sample the audit reads, by name (the golden file's) and its arguments.</summary>
    public static TheoryData<string, string[]> Samples()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var account in Accounts)
        {
            data.Add(account, ["--snapshot", SampleAccounts.Folder(account)]);
            data.Add(account + ".pairs", ["--snapshot", SampleAccounts.Folder(account), "--pairs"]);
        }

        foreach (var template in IacSamples)
        {
            data.Add("iac-" + Path.GetFileNameWithoutExtension(template), ["--template", Iac(template)]);
        }

        data.Add("iac-reporting-job-on-field-note", ["--template", Iac("cloudformation/reporting-job.yaml"), "--snapshot", SampleAccounts.Folder("field-note")]);
        data.Add("iac-cdk", ["--cdk-out", Iac("cdk/cdk.out")]);
        data.Add("iac-terraform", ["--terraform-plan", Iac("terraform/plan.json")]);
        data.Add("iac-terraform.pairs", ["--terraform-plan", Iac("terraform/plan.json"), "--pairs"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task AuditJson_EveryBundledSample_IsTheHandWrittenOutputAndValidates(string name, string[] arguments)
    {
        var (_, stdout, stderr) = await CliRunner.RunAsync(["audit", .. arguments, "--format", "json"]);

        Assert.True(stdout.Length > 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(string.Empty, PublishedSchemas.AuditErrors(json.RootElement));
        var golden = Path.Combine(SampleAccounts.RepositoryRoot, "tests", "GluePassRole.Diagnostics.Cli.Tests", "TestData", "audit-json", name + ".json");
        if (Environment.GetEnvironmentVariable("GLUE_PASSROLE_WRITE_AUDIT_JSON") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            await File.WriteAllTextAsync(golden, stdout);
        }

        Assert.Equal(await File.ReadAllTextAsync(golden), stdout);
    }

    private static string Iac(string path) => Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", path);
}
