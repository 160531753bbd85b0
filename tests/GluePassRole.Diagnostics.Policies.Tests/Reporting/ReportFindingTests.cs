using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Policies.Validation;

namespace GluePassRole.Diagnostics.Policies.Tests.Reporting;

/// <summary><c>policy validate</c>'s findings in the shared finding model (issue 19 item 10).</summary>
public class ReportFindingTests
{
    [Fact]
    public void ToReportFinding_SecurityWarning_WarningAtItsLineWithItsStatementAsFacts()
    {
        var result = PolicyValidator.Validate(
            """
            {"Version": "2012-10-17",
             "Statement": [{"Sid": "PassAny", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}
            """,
            PolicyType.IdentityBased);
        var finding = result.Findings.First(f => f.Code == "PassRoleOnAnyRole");

        var shared = finding.ToReportFinding("policies/pass.json");

        Assert.Equal("PassRoleOnAnyRole", shared.Code);
        Assert.Equal(ReportSeverity.Warning, shared.Severity);
        Assert.Equal(ReportOutcome.Problem, shared.Outcome);
        Assert.Equal(finding.JsonPath, shared.Subject);
        Assert.Contains(new ReportFact("sid", "PassAny"), shared.Evidence);
        Assert.Contains(new ReportFact("statementIndex", "0"), shared.Evidence);
        var location = Assert.Single(shared.Locations);
        Assert.Equal("policies/pass.json", location.File);
        Assert.Equal(2, location.Line);
    }

    [Theory]
    [InlineData(PolicyFindingKind.Error, ReportSeverity.Error)]
    [InlineData(PolicyFindingKind.SecurityWarning, ReportSeverity.Warning)]
    [InlineData(PolicyFindingKind.Warning, ReportSeverity.Warning)]
    [InlineData(PolicyFindingKind.Suggestion, ReportSeverity.Note)]
    public void Severity_EachKind_OnTheSharedScale(PolicyFindingKind kind, ReportSeverity expected) =>
        Assert.Equal(expected, PolicyFinding.Severity(kind));

    [Fact]
    public void ToReportRule_SecurityRule_TaggedSecurity() =>
        Assert.Equal(["security"], PolicyValidator.Rules.First(r => r.Code == "PassRoleOnAnyRole").ToReportRule().Tags);
}
