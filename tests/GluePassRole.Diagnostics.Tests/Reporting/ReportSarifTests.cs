using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Tests.Reporting;

/// <summary>
/// The one SARIF mapping (issue 19 item 10, issue 18 item 8): from the shared finding model to SARIF 2.1.0, whatever
/// produced the findings.
/// </summary>
public class ReportSarifTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "sarif-root-" + Guid.NewGuid().ToString("N"));

    private static JsonElement Result(SarifReport report, int index = 0) =>
        JsonDocument.Parse(ReportSarif.Write(report)).RootElement.GetProperty("runs")[0].GetProperty("results")[index].Clone();

    [Theory]
    [InlineData(ReportOutcome.Problem, ReportSeverity.Error, null, "error")]
    [InlineData(ReportOutcome.Problem, ReportSeverity.Warning, null, "warning")]
    [InlineData(ReportOutcome.Problem, ReportSeverity.Note, null, "note")]
    [InlineData(ReportOutcome.Undecided, ReportSeverity.Error, "open", "none")]
    [InlineData(ReportOutcome.Conditional, ReportSeverity.Note, "review", "none")]
    [InlineData(ReportOutcome.Pass, ReportSeverity.Note, "pass", "none")]
    [InlineData(ReportOutcome.Information, ReportSeverity.Note, "informational", "none")]
    public void Write_Outcome_KindAndLevelAsSarif210Says(ReportOutcome outcome, ReportSeverity severity, string? kind, string level)
    {
        var result = Result(new SarifReport([], [new ReportFinding("X1", severity, "subject", "message") { Outcome = outcome }]) { SourceRoot = Root });

        Assert.Equal(level, result.GetProperty("level").GetString());
        Assert.Equal(kind, result.TryGetProperty("kind", out var k) ? k.GetString() : null);
    }

    [Fact]
    public void Write_FindingWithoutLocationOrDefault_IsAtItsSubjectAsALogicalLocation()
    {
        var result = Result(new SarifReport([], [new ReportFinding("X1", ReportSeverity.Error, "arn:aws:iam::123456789012:user/dana", "m")]) { SourceRoot = Root });

        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        Assert.Equal("arn:aws:iam::123456789012:user/dana", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public void Write_FindingWithoutLocation_IsAtTheDefaultFileWithItsSubject()
    {
        var input = Path.Combine(Root, "accounts", "get-account-authorization-details.json");

        var result = Result(new SarifReport([], [new ReportFinding("X1", ReportSeverity.Error, "role/x", "m")]) { SourceRoot = Root, DefaultLocation = new ReportLocation { File = input } });

        var location = result.GetProperty("locations")[0];
        Assert.Equal("accounts/get-account-authorization-details.json", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal("role/x", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public void Write_AbsolutePathsInMessageAndFacts_WrittenRelativeToTheRoot()
    {
        var template = Path.Combine(Root, "infra", "stack file.yaml");
        var finding = new ReportFinding("X1", ReportSeverity.Error, "EtlRole", $"defined at {template}:12 (EtlRole)")
        {
            Evidence = [new("fixWhere", $"{template}:12 (EtlRole)")],
            Locations = [new ReportLocation { File = template, Line = 12 }],
        };

        var text = ReportSarif.Write(new SarifReport([], [finding]) { SourceRoot = Root });
        var result = JsonDocument.Parse(text).RootElement.GetProperty("runs")[0].GetProperty("results")[0];

        Assert.DoesNotContain(Root, text, StringComparison.Ordinal);
        Assert.Equal("defined at infra/stack file.yaml:12 (EtlRole)", result.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("infra/stack file.yaml:12 (EtlRole)", result.GetProperty("properties").GetProperty("fixWhere").GetString());
        Assert.Equal("infra/stack%20file.yaml", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Write_FactsOfOneName_JoinedInOneProperty()
    {
        var finding = new ReportFinding("X1", ReportSeverity.Note, "s", "m") { Outcome = ReportOutcome.Conditional, Evidence = [new("conditions", "a = 1"), new("conditions", "b = 2")] };

        var properties = Result(new SarifReport([], [finding]) { SourceRoot = Root }).GetProperty("properties");

        Assert.Equal("a = 1; b = 2", properties.GetProperty("conditions").GetString());
        Assert.Equal("conditional pass", properties.GetProperty("outcome").GetString());
    }

    [Fact]
    public void FindingReport_UnreadableData_IsUndecidedWithItsMissingPermission()
    {
        var finding = new Finding(FindingCodes.UnreadableData, FindingSeverity.Warning, "The role could not be read.")
        {
            Evidence = [new Evidence { MissingPermission = "iam:GetRole", Note = "AccessDenied" }],
            Step = "ReadRole",
        };

        var shared = finding.ToReportFinding();

        Assert.Equal(ReportOutcome.Undecided, shared.Outcome);
        Assert.Equal(ReportSeverity.Warning, shared.Severity);
        Assert.Equal("ReadRole", shared.Subject);
        Assert.Equal([new ReportFact("missingPermission", "iam:GetRole"), new ReportFact("note", "AccessDenied")], shared.Evidence);
    }

    [Fact]
    public void AuditFindingReport_GroupedFinding_SubjectIsTheRoleAndPrincipalsAreCounted()
    {
        var finding = new AuditFinding("123456789012", AuditFindingCodes.Escalation, AuditSeverity.Error, "2 principals can ...")
        {
            Role = "arn:aws:iam::123456789012:role/admin",
            Principals = ["arn:aws:iam::123456789012:user/a", "arn:aws:iam::123456789012:user/b"],
            Cause = "role/admin|group data",
        };

        var shared = finding.ToReportFinding();

        Assert.Equal(ReportSeverity.Error, shared.Severity);
        Assert.Equal("arn:aws:iam::123456789012:role/admin", shared.Subject);
        Assert.Contains(new ReportFact("principalCount", "2"), shared.Evidence);
        Assert.Equal(shared.Fingerprint, (finding with { Principals = ["arn:aws:iam::123456789012:user/a"] }).ToReportFinding().Fingerprint);
    }
}
