using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.Tests.Investigation;

/// <summary>
/// Issue 20: an AccessDenied for another action than iam:PassRole (a Glue action of saving or running a job, or the job's
/// role session at run time) is investigated as that action on that resource, for that principal, with the same report,
/// fix and verification; a role session is evaluated as its role's session.
/// </summary>
public sealed class ActionInvestigationTests
{
    private const string Sample = "runtime-script-denied";

    // The issue's text: no reason clause (an older or abridged message).
    private const string IssueRuntimeError =
        "User: arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::scripts/etl.py";

    private const string UpdateJobError =
        "An error occurred (AccessDeniedException) when calling the UpdateJob operation: User: arn:aws:iam::123456789012:user/ops is not authorized to perform: glue:UpdateJob on resource: arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl because no identity-based policy allows the glue:UpdateJob action";

    [Fact]
    public async Task RuntimeError_RoleLacksGetObjectOnScript_MissingStatementAndVerifiedInlinePolicyOnTheRole()
    {
        var error = await File.ReadAllTextAsync(Path.Combine(SampleAccounts.Folder(Sample), "error.txt"));

        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(error));

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal("s3:GetObject", report.Action);
        Assert.Equal("arn:aws:s3:::scripts/etl.py", report.Resource);
        Assert.Equal("s3:GetObject", report.Evaluation!.Request.Action);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession", report.Evaluation.Request.Principal);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("needs a principal and a role", StringComparison.Ordinal) || f.Code == FindingCodes.ErrorReasonMismatch);

        // The missing statement: no identity policy of the role allows it; AWSGlueServiceRole's S3 allows are near misses.
        var lacks = Assert.Single(report.Findings, f => f.Code == FindingCodes.LayerLacksAllow);
        Assert.Contains("allows s3:GetObject on arn:aws:s3:::scripts/etl.py", lacks.Message, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.NearMissAllow && f.Message.StartsWith("AWSGlueServiceRole (role etl-runtime) allows s3:GetObject only on arn:aws:s3:::aws-glue-*/*", StringComparison.Ordinal));

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.Role, "etl-runtime"), fix.Target);
        var statement = Assert.Single(fix.Document.Statements);
        Assert.Equal(["s3:GetObject"], statement.Action);
        Assert.Equal(["arn:aws:s3:::scripts/etl.py"], statement.Resource);
        Assert.Empty(statement.Conditions);
        Assert.StartsWith("aws iam put-role-policy --role-name etl-runtime --policy-name AllowS3GetObjectOnScriptsEtlPy --policy-document", fix.Command, StringComparison.Ordinal);

        Assert.Equal(Decision.ImplicitDeny, report.Verification!.DecisionBeforeFix);
        Assert.Equal(Decision.Allowed, report.Verification.DecisionAfterFix);
        Assert.Contains("bucket policy was not read", report.Verification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuntimeErrorWithoutReason_SameFix_NotVerifiedBecauseTheBucketPolicyCouldDeny()
    {
        // Without the reason clause nothing says that no policy denied the call: the unread bucket policy could (S3 User
        // Guide, "Bucket policies for Amazon S3", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html),
        // so the fix is not verified against it.
        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(IssueRuntimeError));

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal(new FixTarget(FixTargetType.Role, "etl-runtime"), report.Fix!.Target);
        Assert.Equal(Decision.Unknown, report.Verification!.DecisionAfterFix);
        Assert.Equal(Decision.Allowed, report.Verification.DecisionByReadPolicies);
        Assert.Contains("the bucket policy was not read", report.Verification.Explanation, StringComparison.Ordinal);
        Assert.Contains(report.Checks, c => c.Title == "Fix verified" && c.Outcome == CheckOutcome.Unknown && c.Summary.Contains("resource's own policy was not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuntimeError_JobNamed_JobRunsAsTheSessionsRole()
    {
        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(IssueRuntimeError) with { GlueJobName = "nightly-etl" });

        Assert.Contains(report.Checks, c => c.Title == "Glue job" && c.Outcome == CheckOutcome.Passed && c.Summary.Contains("session of the job's role", StringComparison.Ordinal));
        Assert.Null(report.Role);
    }

    [Fact]
    public async Task RuntimeError_NoJobNamed_TheOnlyJobThatRunsAsTheSessionsRoleIsChecked()
    {
        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(IssueRuntimeError));

        Assert.Equal("nightly-etl", report.GlueJob);
        Assert.Contains(report.Checks, c => c.Title == "Glue job" && c.Outcome == CheckOutcome.Passed && c.Summary.Contains("the one that runs as role etl-runtime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateJobDenialOfAUser_InvestigatesUpdateJobNotPassRole_FixOnTheUser()
    {
        using var account = Account();

        var report = await InvestigateAsync(account.Path, PassRoleInvestigationRequest.FromError(UpdateJobError));

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal("glue:UpdateJob", report.Evaluation!.Request.Action);
        Assert.Equal("arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl", report.Evaluation.Request.Resource);
        Assert.DoesNotContain(report.Checks, c => c.Title.Contains("PassRole", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("iam:PassRole", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("needs a principal and a role", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.NearMissAllow && f.Message.Contains("allows glue:UpdateJob only on arn:aws:glue:ap-northeast-1:123456789012:job/dev-*", StringComparison.Ordinal));

        Assert.Equal(new FixTarget(FixTargetType.User, "ops"), report.Fix!.Target);
        var statement = Assert.Single(report.Fix.Document.Statements);
        Assert.Equal(["glue:UpdateJob"], statement.Action);
        Assert.Equal(["arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl"], statement.Resource);
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
        Assert.Equal("ImplicitDeny: arn:aws:iam::123456789012:user/ops -> glue:UpdateJob arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl", report.ToString());
    }

    [Fact]
    public async Task ExplicitDenyOfTheRoleSession_NamesTheDenyStatementAndProposesNoAllow()
    {
        using var account = Account();
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/locked-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::scripts/etl.py\" with an explicit deny in an identity-based policy";

        var report = await InvestigateAsync(account.Path, PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        var blocker = Assert.Single(report.Blockers);
        Assert.Equal(BlockerKind.ExplicitDeny, blocker.Kind);
        Assert.Equal("no-script-reads", blocker.Policy);
        Assert.Equal("DenyScripts", blocker.Statement);
        var deny = Assert.Single(report.Findings, f => f.Code == FindingCodes.ExplicitDenyStatement);
        Assert.Contains("denies s3:GetObject on arn:aws:s3:::scripts/etl.py", deny.Message, StringComparison.Ordinal);
        Assert.Null(report.Fix);
        Assert.Null(report.Verification);
    }

    [Fact]
    public async Task RoleSessionOfAnUnknownRole_Unknown_NeverADeny()
    {
        using var account = Account();
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/ghost-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::scripts/etl.py because no identity-based policy allows the s3:GetObject action";

        var report = await InvestigateAsync(account.Path, PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal(Decision.Unknown, report.Decision);
        Assert.Empty(report.Blockers);
        Assert.Null(report.Fix);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.NotFound && f.Message.Contains("ghost-runtime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RoleSessionWhoseRoleCannotBeRead_Unknown_NeverADeny()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder(Sample));
        services.Replace(ServiceDescriptor.Singleton<IIamReader>(new RoleUnreadable(AccountSnapshot.LoadFromDirectory(SampleAccounts.Folder(Sample)))));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(IssueRuntimeError));

        Assert.Equal(Decision.Unknown, report.Decision);
        Assert.Empty(report.Blockers);
        Assert.Null(report.Fix);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.UnreadableData);
    }

    [Fact]
    public async Task KmsDecryptDenied_FixOnTheRoleIsNotVerifiedWithoutTheKeyPolicy()
    {
        // "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key."
        // (AWS KMS Developer Guide, https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action";

        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal(new FixTarget(FixTargetType.Role, "etl-runtime"), report.Fix!.Target);
        Assert.Equal(Decision.Unknown, report.Verification!.DecisionAfterFix);
        Assert.Contains("key policy was not read", report.Verification.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorWithoutResource_Unknown_NotEvaluatedOnAGuessedResource()
    {
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession is not authorized to perform: kms:GenerateDataKey on this resource because no identity-based policy allows the kms:GenerateDataKey action";

        var report = await InvestigateAsync(SampleAccounts.Folder(Sample), PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal(Decision.Unknown, report.Decision);
        Assert.Null(report.Evaluation);
        Assert.Contains(report.Checks, c => c.Title == "kms:GenerateDataKey evaluation" && c.Outcome == CheckOutcome.Unknown);
    }

    [Fact]
    public async Task OtherActionWithARoleAsked_StillThePassRoleInvestigation()
    {
        // An explicit --role asks the PassRole question: the error's other action is then a mismatch, as before.
        var report = await InvestigateAsync(SampleAccounts.Folder("field-note"), PassRoleInvestigationRequest.FromError(UpdateJobError.Replace("user/ops", "user/dana", StringComparison.Ordinal)) with { Role = "etl-runtime" });

        Assert.Null(report.Action);
        Assert.Equal("iam:PassRole", report.Evaluation!.Request.Action);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.ErrorReasonMismatch);
    }

    /// <summary>The runtime sample plus user ops (glue:UpdateJob only on dev-* jobs) and role locked-runtime (S3, but its scripts denied).</summary>
    private static TempFolder Account()
    {
        var account = TempFolder.CopyOfSample(Sample);
        var file = Path.Combine(account.Path, "get-account-authorization-details.json");
        var details = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        details["UserDetailList"]!.AsArray().Add(JsonNode.Parse("""
            {"Path":"/","UserName":"ops","UserId":"AIDAOPS00000000000001","Arn":"arn:aws:iam::123456789012:user/ops","CreateDate":"2026-11-28T03:25:35Z",
             "UserPolicyList":[{"PolicyName":"dev-jobs","PolicyDocument":{"Version":"2012-10-17","Statement":[
               {"Sid":"EditDevJobs","Effect":"Allow","Action":["glue:GetJob","glue:UpdateJob"],"Resource":"arn:aws:glue:ap-northeast-1:123456789012:job/dev-*"}]}}],
             "GroupList":[],"AttachedManagedPolicies":[],"Tags":[]}
            """));
        details["RoleDetailList"]!.AsArray().Add(JsonNode.Parse("""
            {"Path":"/","RoleName":"locked-runtime","RoleId":"AROALOCKED0000000001","Arn":"arn:aws:iam::123456789012:role/locked-runtime","CreateDate":"2026-11-28T03:25:39Z",
             "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]},
             "InstanceProfileList":[],
             "RolePolicyList":[{"PolicyName":"no-script-reads","PolicyDocument":{"Version":"2012-10-17","Statement":[
               {"Sid":"AllS3","Effect":"Allow","Action":"s3:*","Resource":"*"},
               {"Sid":"DenyScripts","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::scripts/*"}]}}],
             "AttachedManagedPolicies":[],"Tags":[],"RoleLastUsed":{}}
            """));
        File.WriteAllText(file, details.ToJsonString());
        return account;
    }

    private static async Task<PassRoleReport> InvestigateAsync(string folder, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }

    /// <summary>A reader whose caller may not read the roles, as a live account with a narrow read role.</summary>
    private sealed class RoleUnreadable(IIamReader inner) : IIamReader
    {
        public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) => inner.GetUserAsync(userName, cancellationToken);

        public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) => inner.ListGroupsForUserAsync(userName, cancellationToken);

        public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) => inner.GetGroupAsync(groupName, cancellationToken);

        public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SourceResult.Unreadable<IamRole>("AccessDenied", "iam:GetRole", $"Reading role {roleName} failed: AccessDenied."));

        public ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) =>
            kind == IamEntityKind.Role
                ? ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>("AccessDenied", "iam:ListRolePolicies", $"Reading inline policies of role {name} failed: AccessDenied."))
                : inner.GetInlinePoliciesAsync(kind, name, cancellationToken);

        public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) =>
            inner.GetAttachedPoliciesAsync(kind, name, cancellationToken);

        public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string arn, CancellationToken cancellationToken = default) => inner.GetManagedPolicyAsync(arn, cancellationToken);
    }
}
