using System.Text.Json;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.Reporting;

/// <summary>The JSON report is a public contract: these are the fields and value sets tools rely on.</summary>
public class PassRoleReportRendererTests
{
    private static async Task<PassRoleReport> FieldNoteReport()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(TestSnapshots.Folder("FieldNote"));
        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(
            "User: arn:aws:iam::111122223333:user/dana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/etl-orders-runtime because no identity-based policy allows the iam:PassRole action"));
    }

    [Fact]
    public async Task ToJson_FieldNote_HasTheDocumentedContract()
    {
        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(await FieldNoteReport()));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("ImplicitDeny", root.GetProperty("decision").GetString());
        Assert.Equal("NoAllow", root.GetProperty("cause").GetString());
        Assert.Equal("arn:aws:iam::111122223333:user/dana", root.GetProperty("principal").GetString());
        Assert.Equal("arn:aws:iam::111122223333:role/etl-orders-runtime", root.GetProperty("role").GetString());
        Assert.Equal("glue.amazonaws.com", root.GetProperty("service").GetString());
        var blocker = root.GetProperty("blockers")[0];
        Assert.Equal("IdentityBased", blocker.GetProperty("policyType").GetString());
        Assert.Equal("NoAllow", blocker.GetProperty("kind").GetString());
        Assert.True(blocker.TryGetProperty("policy", out _));
        Assert.True(blocker.TryGetProperty("statement", out _));
        var fix = root.GetProperty("fix");
        Assert.Equal("Group", fix.GetProperty("target").GetProperty("type").GetString());
        Assert.Equal("GlueAccess", fix.GetProperty("target").GetProperty("name").GetString());
        Assert.StartsWith("AllowPass", fix.GetProperty("policyName").GetString(), StringComparison.Ordinal);
        Assert.Equal("iam:PassRole", fix.GetProperty("document").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.StartsWith("aws iam put-group-policy", fix.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal("Allowed", root.GetProperty("verification").GetProperty("decisionAfterFix").GetString());
        var codes = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("NearMissAllow", codes);
        Assert.Contains("MfaGuardrail", codes);
    }

    [Fact]
    public async Task ToText_And_ToMarkdown_TellTheStory()
    {
        var report = await FieldNoteReport();

        var text = PassRoleReportRenderer.ToText(report);
        var markdown = PassRoleReportRenderer.ToMarkdown(report);

        Assert.Contains("Verdict: ImplicitDeny", text, StringComparison.Ordinal);
        Assert.Contains("aws iam put-group-policy --group-name GlueAccess", text, StringComparison.Ordinal);
        Assert.Contains("Verified: ImplicitDeny -> Allowed", text, StringComparison.Ordinal);
        Assert.Contains("# iam:PassRole investigation", markdown, StringComparison.Ordinal);
        Assert.Contains("```bash", markdown, StringComparison.Ordinal);
    }
}
