using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Sources.Snapshot;

public sealed class AccountSnapshotTests
{
    private const string ForceMfaArn = "arn:aws:iam::111122223333:policy/Force_MFA";

    [Fact]
    public async Task LoadFromDirectory_CliDecodedSnapshot_ServesUsersGroupsRolesAndPolicies()
    {
        var snapshot = TestSnapshots.FieldNote();

        Assert.Empty(snapshot.Problems);
        Assert.Equal((2, 2, 3, 2), (snapshot.UserCount, snapshot.GroupCount, snapshot.RoleCount, snapshot.ManagedPolicyCount));
        Assert.Equal(TestSnapshots.Account, snapshot.AccountId);

        var user = await snapshot.GetUserAsync("dana");
        Assert.Equal("arn:aws:iam::111122223333:user/dana", user.Value!.Arn);
        Assert.Equal(new IamTag("team", "data"), Assert.Single(user.Value.Tags));

        var groups = await snapshot.ListGroupsForUserAsync("dana");
        Assert.Equal(["GlueAccess", "developers"], groups.Value!);

        var attached = await snapshot.GetAttachedPoliciesAsync(IamEntityKind.Group, "GlueAccess");
        Assert.Equal("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess", Assert.Single(attached.Value!).Arn);
    }

    [Fact]
    public void LoadFromDirectory_WithReading_TellsEachFileAsItsReadingStarts()
    {
        // The CLI names the file it was waiting on when the user presses Ctrl+C (a FIFO, a stalled share).
        var folder = SampleAccounts.Folder("field-note");
        var reading = new Files();

        AccountSnapshot.LoadFromDirectory(folder, reading, CancellationToken.None);

        Assert.Equal(
            ["get-account-authorization-details.json", "glue-get-job-nightly-etl.json", "sts-get-caller-identity.json", "organizations"],
            reading.Started.Select(path => Path.GetRelativePath(folder, path)));
    }

    // The SDKs return every policy document URL-encoded (RFC 3986), the AWS CLI decodes them (IAM API Reference,
    // "PolicyVersion" and "GetAccountAuthorizationDetails"); the snapshot must read both to the same documents.
    [Fact]
    public async Task LoadFromDirectory_SdkUrlEncodedPages_MergesPagesToTheSameDocuments()
    {
        var cli = TestSnapshots.FieldNote();
        var sdk = TestSnapshots.FieldNoteSdk();

        Assert.Empty(sdk.Problems);
        Assert.Equal((cli.UserCount, cli.GroupCount, cli.RoleCount, cli.ManagedPolicyCount), (sdk.UserCount, sdk.GroupCount, sdk.RoleCount, sdk.ManagedPolicyCount));
        foreach (var role in new[] { "etl-orders-runtime", "glue-legacy-crawler", "AWSReservedSSO_DataEngineer_0123456789abcdef" })
        {
            var a = (await cli.GetRoleAsync(role)).Value!;
            var b = (await sdk.GetRoleAsync(role)).Value!;
            Assert.Equal(a.TrustPolicy.Value!.ToJson(), b.TrustPolicy.Value!.ToJson());
            Assert.Equal(a.Arn, b.Arn);
        }

        Assert.Equal((await cli.GetManagedPolicyAsync(ForceMfaArn)).Value!.Document.ToJson(), (await sdk.GetManagedPolicyAsync(ForceMfaArn)).Value!.Document.ToJson());
        var inline = await sdk.GetInlinePoliciesAsync(IamEntityKind.Group, "developers");
        Assert.Equal("developers-read-logs", Assert.Single(inline.Value!).Name);
    }

    [Fact]
    public async Task Load_SharedExamplesInBothEncodings_ReadTheSameAccount()
    {
        var cli = AccountSnapshot.Load(new AccountSnapshotFiles { AuthorizationDetails = [Example("get-account-authorization-details.cli-decoded.constructed.json")] });
        var sdk = AccountSnapshot.Load(new AccountSnapshotFiles { AuthorizationDetails = [Example("get-account-authorization-details.sdk-urlencoded.constructed.json")] });

        Assert.Empty(cli.Problems);
        Assert.Empty(sdk.Problems);
        var a = await cli.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueDevelopers");
        var b = await sdk.GetInlinePoliciesAsync(IamEntityKind.Group, "GlueDevelopers");
        Assert.Equal(Assert.Single(a.Value!).Document.ToJson(), Assert.Single(b.Value!).Document.ToJson());
        Assert.Equal("v2", (await sdk.GetManagedPolicyAsync(ForceMfaArn)).Value!.VersionId);
    }

    // GetAccountAuthorizationDetails returns every version in PolicyVersionList; only the default one is in force
    // (IAM User Guide, "Versioning IAM policies").
    [Fact]
    public async Task GetManagedPolicyAsync_SeveralVersions_ReturnsTheDefaultVersion()
    {
        var policy = await TestSnapshots.FieldNote().GetManagedPolicyAsync(ForceMfaArn);

        Assert.Equal("v2", policy.Value!.VersionId);
        Assert.False(policy.Value.IsBundledCopy);
        Assert.Contains(policy.Value.Document.Statements, s => s.Sid == "DenyAllExceptListedIfNoMFA");
    }

    [Fact]
    public async Task GetManagedPolicyAsync_AwsManagedPolicyNotInSnapshot_ServesBundledCopy()
    {
        var policy = await TestSnapshots.FieldNote().GetManagedPolicyAsync("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess");

        Assert.True(policy.Value!.IsBundledCopy);
        Assert.Equal("v14", policy.Value.VersionId);
        Assert.Equal("AWSGlueConsoleFullAccess", policy.Value.Name);
        var serviceRole = await TestSnapshots.FieldNote().GetManagedPolicyAsync("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole");
        Assert.True(serviceRole.IsFound);
    }

    [Fact]
    public async Task GetManagedPolicyAsync_AwsManagedPolicyWithoutBundledCopy_IsUnreadableNotNotFound()
    {
        var policy = await TestSnapshots.FieldNote().GetManagedPolicyAsync("arn:aws:iam::aws:policy/AWSPolicyPublishedAfterTheBundledData");

        Assert.Equal(SourceResultStatus.Unreadable, policy.Status);
        Assert.Contains("no bundled copy", policy.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManagedPolicyAsync_UnknownCustomerPolicyInCompleteSnapshot_IsNotFound()
    {
        var policy = await TestSnapshots.FieldNote().GetManagedPolicyAsync("arn:aws:iam::111122223333:policy/Nope");

        Assert.Equal(SourceResultStatus.NotFound, policy.Status);
    }

    [Fact]
    public async Task GetAttachedPoliciesAsync_SingleMemberPrintedAsObject_IsAccepted()
    {
        var attached = await TestSnapshots.FieldNote().GetAttachedPoliciesAsync(IamEntityKind.User, "erin");

        Assert.Equal("AWSGlueConsoleFullAccess", Assert.Single(attached.Value!).Name);
    }

    // IAM names are unique per account and not distinguished by case (IAM User Guide, "IAM identifiers").
    [Fact]
    public async Task GetRoleAsync_NameInOtherCase_FindsRoleWithPath()
    {
        var role = await TestSnapshots.FieldNote().GetRoleAsync("awsreservedsso_dataengineer_0123456789abcdef");

        Assert.Equal("/aws-reserved/sso.amazonaws.com/eu-west-1/", role.Value!.Path);
        Assert.Equal("arn:aws:iam::111122223333:policy/DeveloperBoundary", role.Value.PermissionsBoundaryArn);
    }

    [Fact]
    public async Task GetUserAsync_AbsentFromCompleteSnapshot_IsNotFound()
    {
        var user = await TestSnapshots.FieldNote().GetUserAsync("mallory");

        Assert.Equal(SourceResultStatus.NotFound, user.Status);
        Assert.Equal("user mallory", user.NotFoundSubject);
    }

    [Fact]
    public async Task GetResourceAsync_JobsAndCrawler_ReturnTheRoleAsStored()
    {
        var snapshot = TestSnapshots.FieldNote();

        Assert.Equal("etl-orders-runtime", (await snapshot.GetResourceAsync(GlueResourceKind.Job, "daily-orders-etl")).Value!.Role);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/glue-legacy-crawler", (await snapshot.GetResourceAsync(GlueResourceKind.Job, "legacy import")).Value!.Role);
        Assert.Equal("service-role/glue-legacy-crawler", (await snapshot.GetResourceAsync(GlueResourceKind.Crawler, "orders-crawler")).Value!.Role);
    }

    [Fact]
    public async Task GetResourceAsync_JobWithoutFile_IsUnreadableAndSaysHowToAddIt()
    {
        var job = await TestSnapshots.FieldNote().GetResourceAsync(GlueResourceKind.Job, "other");

        Assert.Equal(SourceResultStatus.Unreadable, job.Status);
        Assert.Contains("aws glue get-job --job-name other", job.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_CliDocumentationJobExample_ReadsBareRoleName()
    {
        var snapshot = AccountSnapshot.Load(new AccountSnapshotFiles
        {
            AuthorizationDetails = [Example("get-account-authorization-details.cli-decoded.constructed.json")],
            GlueResources = [Example("glue-get-job.aws-cli-doc-example.role-name.json"), Example("glue-get-job.role-arn.constructed.json")],
        });

        Assert.Equal("Glue_DefaultRole", (await snapshot.GetResourceAsync(GlueResourceKind.Job, "my-testing-job")).Value!.Role);
        Assert.StartsWith("arn:aws:iam::", (await snapshot.GetResourceAsync(GlueResourceKind.Job, "daily-orders-etl")).Value!.Role, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallerIdentityAsync_FilePresent_ReturnsIdentity_AndAbsent_IsUnreadable()
    {
        var identity = await TestSnapshots.FieldNote().GetCallerIdentityAsync();
        var missing = await TestSnapshots.FieldNoteSdk().GetCallerIdentityAsync();

        Assert.Equal(new CallerIdentity(TestSnapshots.Account, "arn:aws:iam::111122223333:user/dana") { UserId = "AIDAEXAMPLEDANA000001" }, identity.Value);
        Assert.Equal(SourceResultStatus.Unreadable, missing.Status);
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_OrganizationsFolder_ReturnsLevelsRootFirst()
    {
        var levels = (await TestSnapshots.FieldNote().GetServiceControlPoliciesAsync(TestSnapshots.Account)).Value!;

        Assert.Equal(
            [(OrganizationTargetKind.Root, "r-ab12"), (OrganizationTargetKind.OrganizationalUnit, "ou-ab12-11111111"), (OrganizationTargetKind.Account, "111122223333")],
            levels.Select(l => (l.Kind, l.TargetId)));
        var root = Assert.Single(levels[0].Policies);
        Assert.Equal(("FullAWSAccess", "p-FullAWSAccess"), (root.Name, root.Id));
        Assert.Equal(["DenyLeaveOrganization", "FullAWSAccess"], levels[1].Policies.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_NoOrganizationsFolder_IsUnreadable_AndEmptyFolder_IsNotFound()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        var unknown = await AccountSnapshot.LoadFromDirectory(temp.Path).GetServiceControlPoliciesAsync(TestSnapshots.Account);
        Directory.CreateDirectory(Path.Combine(temp.Path, "organizations"));
        var none = await AccountSnapshot.LoadFromDirectory(temp.Path).GetServiceControlPoliciesAsync(TestSnapshots.Account);

        Assert.Equal(SourceResultStatus.Unreadable, unknown.Status);
        Assert.Equal(SourceResultStatus.NotFound, none.Status);
    }

    [Fact]
    public async Task GetServiceControlPoliciesAsync_BrokenScpFile_IsUnreadableNamingTheFile()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        var bad = temp.Write("organizations/0-r-ab12/Broken.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}""");

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);
        var scps = await snapshot.GetServiceControlPoliciesAsync(TestSnapshots.Account);

        Assert.Equal(SourceResultStatus.Unreadable, scps.Status);
        Assert.Equal(bad, scps.Error!.Location);
        Assert.Equal("$.Statement[0].Effect", scps.Error.JsonPath);
    }

    [Fact]
    public async Task LoadFromDirectory_TruncatedFile_KeepsWhatWasReadAndSaysWhere()
    {
        using var temp = new TempFolder();
        var file = temp.CopyFrom("FieldNote", "get-account-authorization-details.json", text => text[..text.IndexOf("\"glue-legacy-crawler\"", StringComparison.Ordinal)]);

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal(file, problem.Location);
        Assert.Equal("$.RoleDetailList[1]", problem.JsonPath);
        Assert.True((await snapshot.GetUserAsync("dana")).IsFound);
        Assert.True((await snapshot.GetRoleAsync("etl-orders-runtime")).IsFound);

        // What may have been in the lost part is unknown, not absent.
        var lostRole = await snapshot.GetRoleAsync("glue-legacy-crawler");
        Assert.Equal(SourceResultStatus.Unreadable, lostRole.Status);
        Assert.Equal(file, lostRole.Error!.Location);
        Assert.Equal(SourceResultStatus.Unreadable, (await snapshot.GetManagedPolicyAsync(ForceMfaArn)).Status);
        Assert.Equal(SourceResultStatus.NotFound, (await snapshot.GetUserAsync("mallory")).Status);
    }

    [Fact]
    public async Task LoadFromDirectory_SyntaxErrorMidFile_NamesLineAndEntry()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json",
            text => text.Replace("\"RoleName\": \"glue-legacy-crawler\"", "\"RoleName\" \"glue-legacy-crawler\"", StringComparison.Ordinal));

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);

        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal("$.RoleDetailList[1]", problem.JsonPath);
        Assert.StartsWith("get-account-authorization-details.json: not valid JSON at line 163, column ", problem.Message, StringComparison.Ordinal);
        Assert.True((await snapshot.GetRoleAsync("etl-orders-runtime")).IsFound);
    }

    [Fact]
    public async Task LoadFromDirectory_InvalidStatement_MarksOnlyThatStatementUnknownWithFullPath()
    {
        using var temp = new TempFolder();
        var file = temp.CopyFrom("FieldNote", "get-account-authorization-details.json",
            text => text.Replace("\"Sid\": \"ReadGlueLogs\",\n                                \"Effect\": \"Allow\"", "\"Sid\": \"ReadGlueLogs\",\n                                \"Effect\": \"Permit\"", StringComparison.Ordinal));

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);
        var inline = await snapshot.GetInlinePoliciesAsync(IamEntityKind.Group, "developers");

        // Issue 18, item 3: the policy is read but for that statement, which is bounded by its own Action and Resource.
        var policy = Assert.Single(inline.Value!);
        Assert.Empty(policy.Document.Statements);
        var unknown = Assert.Single(policy.UnknownStatements);
        Assert.Equal(file, unknown.Error.Location);
        Assert.Equal("$.GroupDetailList[1].GroupPolicyList[0].PolicyDocument.Statement[0].Effect", unknown.Error.JsonPath);
        Assert.Equal(("ReadGlueLogs", null), (unknown.Sid, unknown.Effect));
        Assert.True(unknown.CouldMatch("logs:GetLogEvents", "arn:aws:logs:us-east-1:123456789012:/aws-glue/jobs"));
        Assert.False(unknown.CouldMatch("iam:PassRole"));
        Assert.True((await snapshot.GetAttachedPoliciesAsync(IamEntityKind.Group, "developers")).IsFound);
    }

    [Fact]
    public async Task LoadFromDirectory_InvalidUrlEncodedTrustPolicy_RoleFoundWithUnreadableTrustPolicy()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNoteSdk", "get-account-authorization-details-1.json");
        temp.CopyFrom("FieldNoteSdk", "get-account-authorization-details-2.json", text => text.Replace("%22sts%3AAssumeRole%22", "%22sts%3AAssumeRole%22%2C", StringComparison.Ordinal));

        var role = await AccountSnapshot.LoadFromDirectory(temp.Path).GetRoleAsync("etl-orders-runtime");

        Assert.Equal(SourceResultStatus.Unreadable, role.Value!.TrustPolicy.Status);
        Assert.StartsWith("$.RoleDetailList[0].AssumeRolePolicyDocument", role.Value.TrustPolicy.Error!.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFromDirectory_EntryWithoutName_IsReportedAndMakesAbsentNamesUnknown()
    {
        using var temp = new TempFolder();
        temp.Write("get-account-authorization-details.json", """
            {"UserDetailList":[{"Arn":"arn:aws:iam::111122223333:user/x"}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}
            """);

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);

        Assert.Equal("$.UserDetailList[0].UserName", Assert.Single(snapshot.Problems).JsonPath);
        Assert.Equal(SourceResultStatus.Unreadable, (await snapshot.GetUserAsync("x")).Status);
        Assert.Equal(SourceResultStatus.NotFound, (await snapshot.GetRoleAsync("x")).Status);
    }

    [Fact]
    public async Task LoadFromDirectory_OnlyTruncatedPages_MakesAbsentNamesUnknown()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNoteSdk", "get-account-authorization-details-1.json");

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);
        var role = await snapshot.GetRoleAsync("etl-orders-runtime");

        Assert.Equal(SourceResultStatus.Unreadable, role.Status);
        Assert.Contains("IsTruncated", role.Error!.Message, StringComparison.Ordinal);
        Assert.True((await snapshot.GetUserAsync("dana")).IsFound);
    }

    [Fact]
    public async Task LoadFromDirectory_ListMissingFromEveryPage_MakesThatListUnknown()
    {
        using var temp = new TempFolder();
        temp.Write("get-account-authorization-details.json", """{"RoleDetailList":[],"Policies":[]}""");

        var user = await AccountSnapshot.LoadFromDirectory(temp.Path).GetUserAsync("dana");

        Assert.Equal(SourceResultStatus.Unreadable, user.Status);
        Assert.Contains("UserDetailList", user.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromDirectory_BrokenGlueFile_IsReportedWithFileAndPosition()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        var bad = temp.Write("glue-get-job-bad.json", "{\"Job\": {\"Name\": \"x\", ");

        var problem = Assert.Single(AccountSnapshot.LoadFromDirectory(temp.Path).Problems);

        Assert.Equal(bad, problem.Location);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromDirectory_NoAuthorizationDetails_Throws()
    {
        using var temp = new TempFolder();

        Assert.Throws<AccountSnapshotException>(() => AccountSnapshot.LoadFromDirectory(temp.Path));
        Assert.Throws<DirectoryNotFoundException>(() => AccountSnapshot.LoadFromDirectory(Path.Combine(temp.Path, "missing")));
    }

    [Fact]
    public async Task LoadFromDirectory_ValueSpanningManyBufferRefills_IsReadWhole()
    {
        using var temp = new TempFolder();
        var statements = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"Sid":"S{{i}}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-{{i}}/*"}"""));
        temp.Write("get-account-authorization-details.json", $$$"""
            {"UserDetailList":[],"GroupDetailList":[],"Policies":[],"RoleDetailList":[{"RoleName":"big","Arn":"arn:aws:iam::111122223333:role/big",
            "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},
            "RolePolicyList":[{"PolicyName":"many","PolicyDocument":{"Version":"2012-10-17","Statement":[{{{statements}}}]}}]}]}
            """);

        var inline = await AccountSnapshot.LoadFromDirectory(temp.Path).GetInlinePoliciesAsync(IamEntityKind.Role, "big");

        Assert.Equal(1000, Assert.Single(inline.Value!).Document.Statements.Count);
    }

    private static string Example(string name) => Path.Combine(TestSnapshots.Folder("Examples"), name);

    private sealed class Files : IProgress<string>
    {
        public List<string> Started { get; } = [];

        public void Report(string value) => Started.Add(value);
    }
}
