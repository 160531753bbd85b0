using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Investigation.Steps;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using NSubstitute;

namespace GluePassRole.Diagnostics.Tests.Investigation.Steps;

/// <summary>Each built-in step alone, against NSubstitute fakes of the read-only ports: what it reads, writes and reports.</summary>
public sealed class StepTests
{
    private const string Account = "123456789012";
    private const string RoleArn = "arn:aws:iam::123456789012:role/etl-runtime";
    private const string UserArn = "arn:aws:iam::123456789012:user/dana";

    private static readonly PolicyDocument TrustsGlue = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

    private static readonly PolicyDocument TrustsEc2 = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

    [Fact]
    public async Task ConfirmAccount_SourceReadsAnotherAccount_ReportsMismatchAndFailsTheCheck()
    {
        var identity = Substitute.For<IAccountIdentitySource>();
        identity.GetCallerIdentityAsync(Arg.Any<CancellationToken>())
            .Returns(SourceResult.Found(new CallerIdentity("999999999999", "arn:aws:iam::999999999999:user/ops")));
        var context = Start().With(InvestigationFacts.Account, Account);

        var result = await new ConfirmAccountStep(identity).RunAsync(context, CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.AccountMismatch, finding.Code);
        Assert.Equal([Account], finding.Evidence[0].Expected);
        Assert.Equal(["999999999999"], finding.Evidence[0].Actual);
        Assert.Equal(CheckOutcome.Failed, result.Check!.Outcome);
    }

    [Fact]
    public async Task ConfirmAccount_CallerIdentityDenied_IsUnknownNamingThePermissionNeverADeny()
    {
        var identity = Substitute.For<IAccountIdentitySource>();
        identity.GetCallerIdentityAsync(Arg.Any<CancellationToken>())
            .Returns(SourceResult.Unreadable<CallerIdentity>("AccessDenied", "sts:GetCallerIdentity", "access denied"));

        var result = await new ConfirmAccountStep(identity).RunAsync(Start().With(InvestigationFacts.Account, Account), CancellationToken.None);

        Assert.Equal(StepOutcome.Incomplete, result.Outcome);
        Assert.Equal(CheckOutcome.Unknown, result.Check!.Outcome);
        Assert.Equal("sts:GetCallerIdentity", Assert.Single(result.Findings).Evidence[0].MissingPermission);
    }

    [Fact]
    public async Task ReadRole_TrustPolicyWithoutGlue_WritesTheRoleAndTrustAndFailsTheCheck()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync("etl-runtime", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Found(new IamRole("etl-runtime", RoleArn, SourceResult.Found(TrustsEc2))));

        var result = await new ReadRoleStep(iam).RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal(RoleArn, result.Context.Get(InvestigationFacts.Role)!.Arn);
        Assert.Equal(Decision.ImplicitDeny, result.Context.Get(InvestigationFacts.RoleTrust)!.Decision);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.RoleTrustMissingService, finding.Code);
        Assert.Equal(StatementElement.Principal, finding.Evidence[0].Element);
        Assert.Equal(["glue.amazonaws.com"], finding.Evidence[0].Actual);
        Assert.Equal(CheckOutcome.Failed, result.Check!.Outcome);
    }

    [Fact]
    public async Task ReadRole_TrustsGlue_PassesTheCheck()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync("etl-runtime", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Found(new IamRole("etl-runtime", RoleArn, SourceResult.Found(TrustsGlue))));

        var result = await new ReadRoleStep(iam).RunAsync(Start().With(InvestigationFacts.RoleReference, "etl-runtime"), CancellationToken.None);

        Assert.Empty(result.Findings);
        Assert.Equal(Decision.Allowed, result.Context.Get(InvestigationFacts.RoleTrust)!.Decision);
        Assert.Equal(CheckOutcome.Passed, result.Check!.Outcome);
    }

    [Fact]
    public async Task ReadRole_RoleUnreadable_IsIncompleteWithoutARole()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync("etl-runtime", Arg.Any<CancellationToken>())
            .Returns(SourceResult.Unreadable<IamRole>("AccessDenied", "iam:GetRole", "not authorized"));

        var result = await new ReadRoleStep(iam).RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal(StepOutcome.Incomplete, result.Outcome);
        Assert.False(result.Context.Has(InvestigationFacts.Role));
        Assert.Equal(CheckOutcome.Unknown, result.Check!.Outcome);
        Assert.Equal("iam:GetRole", Assert.Single(result.Findings).Evidence[0].MissingPermission);
    }

    [Fact]
    public async Task ReadGlueJob_NoJobNamedAndSeveralJobs_ReadsTheOneRunningAsTheErrorsRole()
    {
        var glue = Substitute.For<IGlueReader>();
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => SourceResult.NotFound<IamRole>(call.Arg<string>()));
        var directory = Substitute.For<IGlueJobDirectory>();
        directory.ListJobsAsync(Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<GlueResource>>(
        [
            new GlueResource(GlueResourceKind.Job, "reporting", "reporting-runtime"),
            new GlueResource(GlueResourceKind.Job, "nightly-etl", "etl-runtime"),
        ]));

        var result = await new ReadGlueJobStep(glue, iam, [directory]).RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal("nightly-etl", result.Context.Get(InvestigationFacts.GlueJob)!.Name);
        Assert.Equal(CheckOutcome.Passed, result.Check!.Outcome);
        Assert.Contains("of 2 jobs in the source, the one that runs as the error's role", result.Check.Summary, StringComparison.Ordinal);
        await glue.DidNotReceiveWithAnyArgs().GetResourceAsync(default, default!, default);
    }

    [Fact]
    public async Task ReadGlueJob_OneJobRunningAsAnotherRole_ReportsTheMismatch()
    {
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => SourceResult.NotFound<IamRole>(call.Arg<string>()));
        var directory = Substitute.For<IGlueJobDirectory>();
        directory.ListJobsAsync(Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<GlueResource>>(
            [new GlueResource(GlueResourceKind.Job, "nightly-etl", "legacy-runtime")]));

        var result = await new ReadGlueJobStep(Substitute.For<IGlueReader>(), iam, [directory])
            .RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal(FindingCodes.JobRoleMismatch, Assert.Single(result.Findings).Code);
        Assert.Equal(CheckOutcome.Failed, result.Check!.Outcome);
    }

    [Fact]
    public async Task ReadGlueJob_NoJobsAnywhere_SkipsAndSaysHowToAddOne()
    {
        var directory = Substitute.For<IGlueJobDirectory>();
        directory.ListJobsAsync(Arg.Any<CancellationToken>()).Returns(SourceResult.Found<IReadOnlyList<GlueResource>>([]));

        var result = await new ReadGlueJobStep(Substitute.For<IGlueReader>(), Substitute.For<IIamReader>(), [directory])
            .RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal(StepOutcome.Skipped, result.Outcome);
        Assert.Equal(CheckOutcome.Skipped, result.Check!.Outcome);
        Assert.Contains("aws glue get-job --job-name NAME > glue-get-job-NAME.json", result.Check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadGlueJob_JobFilesUnreadable_UnknownNamingTheFileNotNoJobNamed()
    {
        // Issue 19, item 5: a broken glue-get-job-*.json was passed over as "no Glue job was named".
        var directory = Substitute.For<IGlueJobDirectory>();
        directory.ListJobsAsync(Arg.Any<CancellationToken>()).Returns(SourceResult.Unreadable<IReadOnlyList<GlueResource>>(
            new SourceError("glue-get-job-nightly-etl.json: not valid JSON at line 1, column 33 (it ends early).") { Location = "/snapshot/glue-get-job-nightly-etl.json" }));

        var result = await new ReadGlueJobStep(Substitute.For<IGlueReader>(), Substitute.For<IIamReader>(), [directory])
            .RunAsync(Start().With(InvestigationFacts.RoleReference, RoleArn), CancellationToken.None);

        Assert.Equal(StepOutcome.Incomplete, result.Outcome);
        Assert.Equal(CheckOutcome.Unknown, result.Check!.Outcome);
        Assert.Contains("glue-get-job-nightly-etl.json: not valid JSON at line 1, column 33", result.Check.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("no Glue job was named", result.Check.Summary, StringComparison.Ordinal);
        Assert.Equal(FindingCodes.UnreadableData, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public async Task ReadGlueJob_NoJobOfThatNameButACrawler_TheCrawlersRoleIsRead()
    {
        // Issue 18 item 11: --job finds a crawler (session, dev endpoint, ML transform) by name when no job has it.
        var glue = Substitute.For<IGlueReader>();
        glue.GetResourceAsync(Arg.Any<GlueResourceKind>(), "raw-zone", Arg.Any<CancellationToken>()).Returns(call => call.Arg<GlueResourceKind>() == GlueResourceKind.Crawler
            ? SourceResult.Found(new GlueResource(GlueResourceKind.Crawler, "raw-zone", RoleArn))
            : SourceResult.NotFound<GlueResource>("raw-zone"));
        var iam = Substitute.For<IIamReader>();
        iam.GetRoleAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => SourceResult.NotFound<IamRole>(call.Arg<string>()));
        var context = new InvestigationContext(PassRoleInvestigationRequest.ForJob(UserArn, "raw-zone"));

        var result = await new ReadGlueJobStep(glue, iam, []).RunAsync(context, CancellationToken.None);

        Assert.Equal(GlueResourceKind.Crawler, result.Context.Get(InvestigationFacts.GlueJob)!.Kind);
        Assert.Equal($"Glue crawler raw-zone runs as {RoleArn}: that is the role investigated.", result.Check!.Summary);
    }

    [Fact]
    public async Task ReadGlueJob_JobCallFailedLive_OtherKindsNotAsked()
    {
        // A job that could not be read (denied, throttled, timed out) may exist: no crawler of its name is looked for.
        var glue = Substitute.For<IGlueReader>();
        glue.GetResourceAsync(GlueResourceKind.Job, "nightly", Arg.Any<CancellationToken>()).Returns(SourceResult.Unreadable<GlueResource>(
            new SourceError("Reading Glue job nightly was denied: the investigating credentials lack glue:GetJob.") { Location = "glue:GetJob", ErrorCode = "AccessDeniedException" }));
        var context = new InvestigationContext(PassRoleInvestigationRequest.ForJob(UserArn, "nightly"));

        var result = await new ReadGlueJobStep(glue, Substitute.For<IIamReader>(), []).RunAsync(context, CancellationToken.None);

        Assert.Equal(StepOutcome.Incomplete, result.Outcome);
        await glue.Received(1).GetResourceAsync(Arg.Any<GlueResourceKind>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ParseError_ConsoleError_WritesTypedPrincipalAccountAndRole()
    {
        var context = new InvestigationContext(PassRoleInvestigationRequest.FromError(
            $"User: {UserArn} is not authorized to perform: iam:PassRole on resource: {RoleArn} because no identity-based policy allows the iam:PassRole action"));

        var result = await new ParseErrorStep().RunAsync(context, CancellationToken.None);

        var principal = result.Context.Get(InvestigationFacts.Principal)!;
        Assert.Equal(PrincipalKind.IamUser, principal.Kind);
        Assert.Equal("dana", principal.UserName);
        Assert.Equal(Account, result.Context.Get(InvestigationFacts.Account));
        Assert.Equal(RoleArn, result.Context.Get(InvestigationFacts.RoleReference));
        Assert.Equal(CheckOutcome.Passed, result.Check!.Outcome);
    }

    [Fact]
    public async Task EvaluatePassRole_CompilesOnceAndWritesTheEvaluationFacts()
    {
        var allow = PolicyDocument.Parse(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"ROLE","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}"""
                .Replace("ROLE", RoleArn, StringComparison.Ordinal));
        var principal = new ResolvedPrincipal(PrincipalKind.IamUser, UserArn, Account, "dana") { IamArn = UserArn };
        var policies = new EffectivePolicies(principal, SourceResultStatus.Found, new PolicySet
        {
            IdentityPolicies = [new SourcedPolicy(allow, new PolicySource(PolicySourceKind.UserInline, "pass") { AttachedTo = "dana" })],
        });
        var context = Start()
            .With(InvestigationFacts.Principal, PrincipalArn.Parse(UserArn))
            .With(InvestigationFacts.RoleReference, RoleArn)
            .With(InvestigationFacts.Policies, policies);

        var result = await new EvaluatePassRoleStep().RunAsync(context, CancellationToken.None);

        Assert.Equal(Decision.Allowed, result.Context.Get(InvestigationFacts.Evaluation)!.Decision);
        Assert.Same(policies.Policies, result.Context.Get(InvestigationFacts.CompiledPolicies)!.Policies);
        Assert.Equal(["glue.amazonaws.com"], result.Context.Get(InvestigationFacts.EvaluationContext)!["iam:PassedToService"]);
        Assert.Equal(CheckOutcome.Passed, result.Check!.Outcome);
    }

    private static InvestigationContext Start() => new(PassRoleInvestigationRequest.ForRole(UserArn, RoleArn));
}
