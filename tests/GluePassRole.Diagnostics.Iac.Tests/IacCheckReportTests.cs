using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary><c>check</c>'s findings in the shared finding model (issue 19 item 10): UNKNOWN is undecided, not a failure.</summary>
public class IacCheckReportTests
{
    private static readonly IacOrigin Origin = new("stack.yaml", "EtlRole", 12);

    [Theory]
    [InlineData(IacCheckSeverity.Error, "GPR003", ReportSeverity.Error, ReportOutcome.Problem)]
    [InlineData(IacCheckSeverity.Warning, "GPR005", ReportSeverity.Warning, ReportOutcome.Problem)]
    [InlineData(IacCheckSeverity.Unknown, "GPR004", ReportSeverity.Warning, ReportOutcome.Undecided)]
    [InlineData(IacCheckSeverity.Conditional, "GPR003", ReportSeverity.Note, ReportOutcome.Conditional)]
    [InlineData(IacCheckSeverity.Note, "GPR004", ReportSeverity.Note, ReportOutcome.Pass)]
    [InlineData(IacCheckSeverity.Note, "GPR006", ReportSeverity.Note, ReportOutcome.Information)]
    public void ToReportFinding_EachSeverity_SeverityAndOutcome(IacCheckSeverity severity, string rule, ReportSeverity expected, ReportOutcome outcome)
    {
        var shared = new IacCheckFinding(rule, severity, "m", Origin).ToReportFinding();

        Assert.Equal(expected, shared.Severity);
        Assert.Equal(outcome, shared.Outcome);
    }

    [Fact]
    public void ToReportFinding_UnknownWithOrigin_LocatedAtTheResourcePropertyWithWhatWouldDecideIt()
    {
        var finding = new IacCheckFinding("GPR003", IacCheckSeverity.Unknown, "m", Origin.At("AssumeRolePolicyDocument", 14))
        {
            Unknowns = ["the trust policy of role etl: a parameter"],
            DecidedBy = "the parameter's value",
        };

        var shared = finding.ToReportFinding();

        Assert.Equal("EtlRole.AssumeRolePolicyDocument", shared.Subject);
        var location = Assert.Single(shared.Locations);
        Assert.Equal(("stack.yaml", 14, "EtlRole.AssumeRolePolicyDocument"), (location.File, location.Line, location.LogicalName));
        Assert.Equal([new ReportFact("unknowns", "the trust policy of role etl: a parameter"), new ReportFact("decidedBy", "the parameter's value")], shared.Evidence);
    }
}
