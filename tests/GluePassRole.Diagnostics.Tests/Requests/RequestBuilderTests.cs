using System.Runtime.CompilerServices;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Tests.Requests;

/// <summary>
/// The request context AWS builds, key by key, with each key's source. Facts (see /work/notes/request-keys.md):
/// <list type="bullet">
/// <item>CK: IAM User Guide, "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (presence and values of
/// aws:PrincipalArn, PrincipalAccount, PrincipalType, userid, username, PrincipalTag, PrincipalOrgID/OrgPaths,
/// PrincipalIsAWSService, PrincipalServiceName, ResourceAccount, ResourceOrgID/OrgPaths, CurrentTime, EpochTime,
/// SecureTransport, RequestedRegion, SourceAccount, SourceArn; the aws:PrincipalOrgPaths example
/// o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/).</item>
/// <item>VAR: IAM User Guide, "IAM policy elements: Variables and tags", the principal table,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable (aws:userid is the
/// user's unique ID, or role-id:session-name; aws:username is absent for roles).</item>
/// <item>IDS: IAM User Guide, "IAM identifiers", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
/// (AIDA = user, AROA = role).</item>
/// <item>PR: IAM User Guide, "Grant a user permissions to pass a role to an AWS service",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html (iam:PassedToService; tag conditions on
/// iam:PassRole "do not have reliable results").</item>
/// <item>SAR: Service Authorization Reference, IAM: the <c>role</c> resource type lists aws:ResourceTag/${TagKey} and
/// iam:ResourceTag/${TagKey}; iam:PassRole lists iam:AssociatedResourceArn and iam:PassedToService.</item>
/// </list>
/// </summary>
public sealed class RequestBuilderTests
{
    private const string Account = "123456789012";
    private const string OtherAccount = "210987654321";
    private const string OrgId = "o-a1b2c3d4e5";
    private const string OrgPath = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/";
    private const string Role = "arn:aws:iam::123456789012:role/service-role/etl-runtime";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 19, 53, 1, TimeSpan.Zero);
    private static readonly OrganizationMembership Organization = new(OrgId, OrgPath);
    private static readonly RequestOptions Options = new() { Clock = new FixedClock(Now) };

    private static readonly RoleTarget Target = new(Role) { Tags = [new IamTag("env", "prod")] };

    private static readonly RequestCaller Dana = new(PrincipalKind.IamUser, "arn:aws:iam::123456789012:user/engineering/dana", Account)
    {
        IamArn = "arn:aws:iam::123456789012:user/engineering/dana",
        Name = "dana",
        Attributes = new PrincipalAttributes
        {
            UniqueId = "AIDAJQABLZS4A3QDU576Q",
            Tags = [new IamTag("team", "etl"), new IamTag("CostCenter", "42")],
            Organization = Organization,
        },
    };

    private static readonly RequestCaller Session = new(PrincipalKind.AssumedRole, "arn:aws:sts::123456789012:assumed-role/etl-admin/dana-session", Account)
    {
        IamArn = "arn:aws:iam::123456789012:role/admins/etl-admin",
        Name = "etl-admin",
        SessionName = "dana-session",
        Attributes = new PrincipalAttributes
        {
            UniqueId = "AROA3XFRBF535PLBIFPI4",
            Tags = [new IamTag("team", "platform")],
            Organization = Organization,
        },
    };

    /// <summary>A clock that always reads the same moment (Microsoft.Extensions.TimeProvider.Testing is not referenced).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Dictionary<string, (string Values, RequestKeySource Source)> KeysOf(BuiltRequest built) =>
        built.Keys.ToDictionary(k => k.Key, k => (string.Join(",", k.Values), k.Source), StringComparer.Ordinal);

    private static Dictionary<string, string> ContextOf(BuiltRequest built) =>
        built.Request.Context.ToDictionary(kv => kv.Key, kv => string.Join(",", kv.Value), StringComparer.Ordinal);

    [Fact]
    public void PassRole_IamUserWithUniqueIdTagsAndOrganization_EveryKeyWithItsSource()
    {
        var built = new RequestBuilder(Options).PassRole(Dana, Target, "glue.amazonaws.com");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["iam:PassedToService"] = "glue.amazonaws.com", // PR, SAR
                ["aws:PrincipalAccount"] = Account, // CK: "all requests"
                ["aws:PrincipalIsAWSService"] = "false", // CK: true only for a service principal
                ["aws:PrincipalType"] = "User", // VAR principal table
                ["aws:PrincipalArn"] = "arn:aws:iam::123456789012:user/engineering/dana", // CK: the user's ARN
                ["aws:userid"] = "AIDAJQABLZS4A3QDU576Q", // VAR, IDS: AIDA for a user
                ["aws:username"] = "dana", // CK: "always ... for IAM users"
                ["aws:PrincipalTag/team"] = "etl", // CK: one key per user tag
                ["aws:PrincipalTag/CostCenter"] = "42",
                ["aws:PrincipalOrgID"] = OrgId, // CK: only in an organization
                ["aws:PrincipalOrgPaths"] = OrgPath, // CK example: o-.../r-.../ou-.../ with a trailing slash, no account
                ["aws:ResourceAccount"] = Account, // CK: the role owner's account
                ["aws:ResourceOrgID"] = OrgId, // CK: the role's account, here the principal's
                ["aws:ResourceOrgPaths"] = OrgPath,
                ["aws:CurrentTime"] = "2026-12-07T19:53:01Z", // CK: ISO 8601, always
                ["aws:EpochTime"] = "1796673181", // CK: seconds since 1970, always
                ["aws:SecureTransport"] = "true", // CK: TLS
            },
            ContextOf(built));

        var keys = KeysOf(built);
        Assert.Equal(("glue.amazonaws.com", RequestKeySource.Option), keys["iam:PassedToService"]);
        Assert.All(
            new[]
            {
                "aws:PrincipalAccount", "aws:PrincipalIsAWSService", "aws:PrincipalType", "aws:PrincipalArn", "aws:userid", "aws:username",
                "aws:PrincipalTag/team", "aws:PrincipalTag/CostCenter", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:ResourceAccount",
                "aws:ResourceOrgID", "aws:ResourceOrgPaths",
            },
            key => Assert.Equal(RequestKeySource.AccountData, keys[key].Source));

        // The role's tags (SAR: the role resource type's tag keys) on iam:PassRole: AWS documents tag conditions on it as
        // unreliable (PR), so whether the request carries them is a circumstance with the role's own value.
        Assert.Equal(("prod", RequestKeySource.Circumstance), keys["aws:ResourceTag/env"]);
        Assert.Equal(("prod", RequestKeySource.Circumstance), keys["iam:ResourceTag/env"]);
        Assert.Equal(["prod"], built.Circumstances.KnownValues!["aws:ResourceTag/env"]);
        Assert.Equal(RequestKeySource.Assumption, keys["aws:CurrentTime"].Source); // now: an assumption
        Assert.Equal(RequestKeySource.Assumption, keys["aws:EpochTime"].Source);
        Assert.Equal(RequestKeySource.Assumption, keys["aws:SecureTransport"].Source);

        // Circumstances: not in the context, listed with what they depend on.
        Assert.Equal(RequestKeySource.Circumstance, keys["iam:AssociatedResourceArn"].Source); // not documented for Glue (PR)
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:RequestedRegion"].Source); // the Region of the call is unknown
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:SourceIp"].Source);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:MultiFactorAuthPresent"].Source);
        Assert.Equal("", keys["aws:SourceIp"].Values);
        Assert.True(built.IsCircumstance("aws:RequestedRegion"));
        Assert.True(built.IsCircumstance("iam:AssociatedResourceArn"));
        Assert.True(built.IsCircumstance("AWS:SOURCEIP"));
        Assert.False(built.IsCircumstance("aws:PrincipalTag/other")); // the tags were read: another tag is absent, not unknown
        Assert.False(built.IsCircumstance("aws:PrincipalServiceName"));

        // The request itself.
        Assert.Equal(("arn:aws:iam::123456789012:user/engineering/dana", "iam:PassRole", Role), (built.Request.Principal, built.Request.Action, built.Request.Resource));
        Assert.Contains("aws:PrincipalOrgPaths=o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (AccountData: the organization path of the principal's account)", built.Describe());
        Assert.Contains("aws:RequestedRegion: circumstance (the Region the call was made in is not known)", built.Describe());
    }

    [Fact]
    public void PassRole_RoleSession_RoleArnAndRoleIdWithSessionName_NoUserName()
    {
        var built = new RequestBuilder(Options).PassRole(Session, Target, "glue.amazonaws.com");

        var context = ContextOf(built);
        Assert.Equal("arn:aws:iam::123456789012:role/admins/etl-admin", context["aws:PrincipalArn"]); // CK: the role, not the session ARN
        Assert.Equal("AssumedRole", context["aws:PrincipalType"]); // VAR
        Assert.Equal("AROA3XFRBF535PLBIFPI4:dana-session", context["aws:userid"]); // VAR: role-id:caller-specified-role-name, IDS: AROA
        Assert.False(context.ContainsKey("aws:username")); // CK, VAR: absent for roles
        Assert.Equal("platform", context["aws:PrincipalTag/team"]); // CK: role tags (and session tags)
        Assert.Equal(Account, context["aws:PrincipalAccount"]);
        Assert.Equal("false", context["aws:PrincipalIsAWSService"]);
        Assert.Equal(OrgId, context["aws:PrincipalOrgID"]);
        Assert.Equal(OrgPath, context["aws:PrincipalOrgPaths"]);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/etl-admin/dana-session", built.Request.Principal);

        var keys = KeysOf(built);
        Assert.Equal(RequestKeySource.AccountData, keys["aws:PrincipalArn"].Source);
        Assert.Equal(RequestKeySource.AccountData, keys["aws:userid"].Source);
        Assert.DoesNotContain(built.Keys, k => k.Key == "aws:username");
        Assert.Contains("session tags", built.Keys.Single(k => k.Key == "aws:PrincipalTag/team").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void PassRole_RoleSessionWhoseRoleWasNotRead_AssumesTheRoleArnWithoutPath()
    {
        var caller = Session with { IamArn = null, Attributes = PrincipalAttributes.Unknown };

        var built = new RequestBuilder(Options).PassRole(caller, Target, "glue.amazonaws.com");

        var keys = KeysOf(built);
        Assert.Equal(("arn:aws:iam::123456789012:role/etl-admin", RequestKeySource.Assumption), keys["aws:PrincipalArn"]);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:userid"].Source); // the role's unique ID was not read
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:PrincipalTag/*"].Source);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:PrincipalOrgID"].Source); // the SCPs were not read
        Assert.True(built.IsCircumstance("aws:PrincipalTag/team"));
        Assert.True(built.IsCircumstance("aws:PrincipalOrgPaths"));
        Assert.False(built.Request.Context.ContainsKey("aws:PrincipalOrgID"));
    }

    [Fact]
    public void PassRole_SessionNameFromTheOptions_CompletesUserId()
    {
        var caller = Session with { SessionName = null };

        var without = new RequestBuilder(Options).PassRole(caller, Target, "glue.amazonaws.com");
        var with = new RequestBuilder(Options with { SessionName = "from-cli" }).PassRole(caller, Target, "glue.amazonaws.com");

        Assert.Equal(RequestKeySource.Circumstance, KeysOf(without)["aws:userid"].Source); // the session name is not known
        Assert.Equal("AROA3XFRBF535PLBIFPI4:from-cli", ContextOf(with)["aws:userid"]);
    }

    [Fact]
    public void PassRole_GroupMember_WhoCallsIsACircumstance()
    {
        var caller = RequestCaller.GroupMember("aws", Account, "developers", Organization);

        var built = new RequestBuilder(Options).PassRole(caller, Target, "glue.amazonaws.com");

        var context = ContextOf(built);
        Assert.Equal("User", context["aws:PrincipalType"]);
        Assert.Equal(Account, context["aws:PrincipalAccount"]);
        Assert.Equal("false", context["aws:PrincipalIsAWSService"]);
        Assert.Equal(OrgId, context["aws:PrincipalOrgID"]); // the group's account is every member's
        Assert.Equal(OrgPath, context["aws:PrincipalOrgPaths"]);
        Assert.DoesNotContain("aws:PrincipalArn", context.Keys);
        Assert.DoesNotContain("aws:username", context.Keys);
        Assert.DoesNotContain("aws:userid", context.Keys);
        Assert.DoesNotContain(context.Keys, k => k.StartsWith("aws:PrincipalTag/", StringComparison.Ordinal));

        var keys = KeysOf(built);
        Assert.All(new[] { "aws:PrincipalArn", "aws:username", "aws:userid", "aws:PrincipalTag/*" }, key => Assert.Equal(RequestKeySource.Circumstance, keys[key].Source));
        Assert.Contains("which member of group developers calls", built.Keys.Single(k => k.Key == "aws:PrincipalArn").Note, StringComparison.Ordinal);
        Assert.True(built.IsCircumstance("aws:PrincipalArn"));
        Assert.True(built.IsCircumstance("aws:PrincipalTag/team"));
        Assert.Equal("arn:aws:iam::123456789012:user/member-of-group/developers", built.Request.Principal);

        // A policy on the member's name is decided per class: allowed for dana only.
        var policies = PolicyEvaluator.Compile(new PolicySet
        {
            IdentityPolicies =
            [
                new SourcedPolicy(
                    PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:username":"dana"}}}]}"""),
                    PolicySource.Supplied("developers")),
            ],
        });
        var decision = built.Decide(policies);
        Assert.Equal("Allowed when aws:username = dana; ImplicitDeny otherwise", decision.Describe());
    }

    [Fact]
    public void PassRole_RoleInAnotherAccount_ResourceOrganizationIsACircumstance()
    {
        var built = new RequestBuilder(Options).PassRole(Dana, new RoleTarget($"arn:aws:iam::{OtherAccount}:role/etl-runtime"), "glue.amazonaws.com");

        var keys = KeysOf(built);
        Assert.Equal((OtherAccount, RequestKeySource.AccountData), keys["aws:ResourceAccount"]);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:ResourceOrgID"].Source);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:ResourceOrgPaths"].Source);
        Assert.Equal(RequestKeySource.Circumstance, keys["aws:ResourceTag/*"].Source); // the role's tags were not read
        Assert.Equal(RequestKeySource.Circumstance, keys["iam:ResourceTag/*"].Source);
        Assert.True(built.IsCircumstance("iam:ResourceTag/env"));
        Assert.Equal((OrgId, RequestKeySource.AccountData), keys["aws:PrincipalOrgID"]); // the principal's organization is known
    }

    [Fact]
    public void PassRole_AccountOutsideEveryOrganization_NoOrganizationKeys()
    {
        var caller = Dana with { Attributes = Dana.Attributes with { Organization = OrganizationMembership.None } };

        var built = new RequestBuilder(Options).PassRole(caller, Target, "glue.amazonaws.com");

        // CK: aws:PrincipalOrgID and PrincipalOrgPaths are present "only if the principal is a member of an organization".
        Assert.DoesNotContain(built.Keys, k => k.Key.Contains("OrgID", StringComparison.Ordinal) || k.Key.Contains("OrgPaths", StringComparison.Ordinal));
        Assert.False(built.IsCircumstance("aws:PrincipalOrgID"));
    }

    [Fact]
    public void PassRole_OrganizationWhoseIdNoPolicyNames_OrganizationKeysAreCircumstances()
    {
        // SCPs saved as bare documents (no ARN): the account is in an organization whose ID is not known.
        var levels = new[]
        {
            new OrganizationLevel(OrganizationTargetKind.Root, "r-ab12", [Scp("FullAWSAccess", arn: null)]),
            new OrganizationLevel(OrganizationTargetKind.Account, Account, [Scp("DenyLeaving", arn: null)]),
        };
        var membership = OrganizationMembership.FromLevels(levels);
        var caller = Dana with { Attributes = Dana.Attributes with { Organization = membership } };

        var built = new RequestBuilder(Options).PassRole(caller, Target, "glue.amazonaws.com");

        Assert.True(membership.IsMember);
        Assert.Null(membership.OrganizationId);
        Assert.NotEqual(OrganizationMembership.None, membership);
        var keys = KeysOf(built);
        Assert.All(
            new[] { "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:ResourceOrgID", "aws:ResourceOrgPaths" },
            key => Assert.Equal(RequestKeySource.Circumstance, keys[key].Source));
        Assert.True(built.IsCircumstance("aws:PrincipalOrgID"));
    }

    [Fact]
    public void Options_At_SetsTheTimeFromTheOption()
    {
        var built = new RequestBuilder(Options with { At = new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.FromHours(2)) }).PassRole(Dana, Target, "glue.amazonaws.com");

        var keys = KeysOf(built);
        Assert.Equal(("2026-01-15T06:00:00Z", RequestKeySource.Option), keys["aws:CurrentTime"]); // in UTC
        Assert.Equal(("1768456800", RequestKeySource.Option), keys["aws:EpochTime"]);
        Assert.Contains("--at", built.Keys.Single(k => k.Key == "aws:CurrentTime").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Region_SetsRequestedRegion()
    {
        var built = new RequestBuilder(Options with { Region = "eu-west-1" }).PassRole(Dana, Target, "glue.amazonaws.com");

        Assert.Equal(("eu-west-1", RequestKeySource.Option), KeysOf(built)["aws:RequestedRegion"]);
        Assert.False(built.IsCircumstance("aws:RequestedRegion"));
    }

    [Fact]
    public void Options_PinnedKeysWinOverErrorKeys_ErrorKeysWinOverAccountData()
    {
        var options = Options with
        {
            FromError = RequestContext.Empty
                .With("aws:PrincipalTag/team", "from-error")
                .With("aws:username", "dana-from-error")
                .With("aws:SourceIp", "198.51.100.7"),
            Pinned = RequestContext.Empty
                .With("aws:PrincipalTag/team", "pinned")
                .With("aws:MultiFactorAuthPresent", "true")
                .With("aws:RequestedRegion", "us-east-1"),
        };

        var built = new RequestBuilder(options).PassRole(Dana, Target, "glue.amazonaws.com");

        var keys = KeysOf(built);
        Assert.Equal(("pinned", RequestKeySource.Option), keys["aws:PrincipalTag/team"]); // over the error and the account data
        Assert.Equal(("dana-from-error", RequestKeySource.Error), keys["aws:username"]); // over the account data
        Assert.Equal(("198.51.100.7", RequestKeySource.Error), keys["aws:SourceIp"]); // a circumstance the error settled
        Assert.Equal(("true", RequestKeySource.Option), keys["aws:MultiFactorAuthPresent"]); // --mfa
        Assert.Equal(("us-east-1", RequestKeySource.Option), keys["aws:RequestedRegion"]);
        Assert.Single(built.Keys, k => k.Key == "aws:PrincipalTag/team");
        Assert.Single(built.Keys, k => k.Key == "aws:MultiFactorAuthPresent");

        var context = ContextOf(built);
        Assert.Equal("pinned", context["aws:PrincipalTag/team"]);
        Assert.Equal("198.51.100.7", context["aws:SourceIp"]);
        Assert.Equal("true", context["aws:MultiFactorAuthPresent"]);

        // Keys the request carries are no circumstances, whatever the catalogue says.
        var policies = PolicyEvaluator.Compile(new PolicySet
        {
            IdentityPolicies =
            [
                new SourcedPolicy(
                    PolicyDocument.Parse("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
                         "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"IpAddress":{"aws:SourceIp":"198.51.100.0/24"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}
                        """),
                    PolicySource.Supplied("p")),
            ],
        });
        var decision = built.Decide(policies);
        Assert.True(decision.Space.IsEmpty);
        Assert.Equal(Decision.Allowed, decision.Uniform);
    }

    [Fact]
    public void ServiceAssumeRole_GlueAssumesTheRole_ServiceKeysAndConfusedDeputyKeysAsCircumstances()
    {
        var built = new RequestBuilder(Options).ServiceAssumeRole("glue.amazonaws.com", Target);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["aws:PrincipalIsAWSService"] = "true", // CK: a service principal acting directly
                ["aws:PrincipalServiceName"] = "glue.amazonaws.com", // CK: present when a service principal calls
                ["aws:ResourceAccount"] = Account,
                ["aws:ResourceTag/env"] = "prod",
                ["iam:ResourceTag/env"] = "prod",
                ["aws:CurrentTime"] = "2026-12-07T19:53:01Z",
                ["aws:EpochTime"] = "1796673181",
                ["aws:SecureTransport"] = "true",
            },
            ContextOf(built));
        Assert.Equal(("glue.amazonaws.com", "sts:AssumeRole", Role), (built.Request.Principal, built.Request.Action, built.Request.Resource));

        // CK: aws:SourceAccount/SourceArn are sent "on behalf of a resource", and not by every integration; AWS documents
        // no confused-deputy page for Glue (request-keys.md §5).
        var keys = KeysOf(built);
        Assert.All(
            new[] { "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:RequestedRegion" },
            key => Assert.Equal(RequestKeySource.Circumstance, keys[key].Source));
        Assert.True(built.IsCircumstance("aws:SourceAccount"));
        Assert.True(built.IsCircumstance("aws:SourceArn"));
        Assert.DoesNotContain(built.Keys, k => k.Key is "aws:PrincipalArn" or "aws:PrincipalAccount" or "aws:PrincipalType" or "aws:userid");

        // A confused-deputy guard in the trust policy: allowed only if Glue sends the account.
        var trust = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole",
             "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},"ArnLike":{"aws:SourceArn":"arn:aws:glue:*:123456789012:job/*"}}}]}
            """);
        var decision = RoleTrust.DecideUnder(trust, Role, "glue.amazonaws.com", built.Request.Context, built.Circumstances);
        Assert.Equal(["aws:SourceAccount", "aws:SourceArn"], decision.Space.Keys);
        Assert.Equal(Decision.Allowed, decision.DecisionAt(built.Request.Context.With("aws:SourceAccount", Account).With("aws:SourceArn", "arn:aws:glue:eu-west-1:123456789012:job/nightly")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(built.Request.Context.With("aws:SourceAccount", Account)));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(built.Request.Context));
        Assert.StartsWith("Allowed when aws:SourceAccount = 123456789012 and aws:SourceArn like arn:aws:glue:*:123456789012:job/*", decision.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromLevels_RootOusAndAccount_OrganizationFromTheScpArnAndPathWithoutTheAccount()
    {
        // The organization ID comes from a customer SCP's ARN; AWS managed FullAWSAccess has none (arn:aws:organizations::aws:policy/...).
        var levels = new[]
        {
            new OrganizationLevel(OrganizationTargetKind.Root, "r-ab12", [Scp("FullAWSAccess", "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")]),
            new OrganizationLevel(OrganizationTargetKind.OrganizationalUnit, "ou-ab12-11111111", [Scp("DenyRegions", "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-12345678")]),
            new OrganizationLevel(OrganizationTargetKind.OrganizationalUnit, "ou-ab12-22222222", []),
            new OrganizationLevel(OrganizationTargetKind.Account, Account, [Scp("DenyLeaving", "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-87654321")]),
        };

        var membership = OrganizationMembership.FromLevels(levels);

        // CK aws:PrincipalOrgPaths example: o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/ (trailing slash, no account ID).
        Assert.Equal(new OrganizationMembership(OrgId, "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"), membership);
        Assert.True(membership.IsMember);
        Assert.Equal(new OrganizationMembership(OrgId, "o-a1b2c3d4e5/r-ab12/"), OrganizationMembership.FromLevels([levels[0], levels[1] with { Kind = OrganizationTargetKind.Account, TargetId = Account }]));
        Assert.Equal(OrganizationMembership.None, OrganizationMembership.FromLevels([]));
        Assert.False(OrganizationMembership.None.IsMember);
        Assert.True((OrganizationMembership.None with { OrganizationId = OrgId }).IsMember); // an ID makes a member, however made
    }

    [Fact]
    public void ConformanceCases_ContextsAreTheBuildersContexts()
    {
        // tests/conformance/cases/request-builder.json writes these contexts literally (build-cases.mjs names the calls): each
        // case's context must be the builder's, plus only circumstance keys at the value of one of their classes.
        const string Acct = "111122223333";
        var organization = new OrganizationMembership(OrgId, OrgPath);
        var builder = new RequestBuilder(Options);
        var role = new RoleTarget($"arn:aws:iam::{Acct}:role/service-role/GlueJobRole") { Tags = [new IamTag("env", "prod")] };
        var alice = new RequestCaller(PrincipalKind.IamUser, $"arn:aws:iam::{Acct}:user/alice", Acct)
        {
            IamArn = $"arn:aws:iam::{Acct}:user/alice",
            Name = "alice",
            Attributes = new PrincipalAttributes { UniqueId = "AIDAJQABLZS4A3QDU576Q", Tags = [new IamTag("team", "etl")], Organization = organization },
        };
        var session = new RequestCaller(PrincipalKind.AssumedRole, $"arn:aws:sts::{Acct}:assumed-role/DataEngineer/alice", Acct)
        {
            IamArn = $"arn:aws:iam::{Acct}:role/DataEngineer",
            Name = "DataEngineer",
            SessionName = "alice",
            Attributes = new PrincipalAttributes { UniqueId = "AROA3XFRBF535PLBIFPI4", Tags = [new IamTag("team", "etl")], Organization = organization },
        };
        var built = new Dictionary<string, BuiltRequest>(StringComparer.Ordinal)
        {
            [alice.Arn] = builder.PassRole(alice, role, "glue.amazonaws.com"),
            [session.Arn] = builder.PassRole(session, role, "glue.amazonaws.com"),
            [$"arn:aws:iam::{Acct}:user/member-of-group/developers"] = builder.PassRole(RequestCaller.GroupMember("aws", Acct, "developers", organization), role, "glue.amazonaws.com"),
            ["glue.amazonaws.com"] = builder.ServiceAssumeRole("glue.amazonaws.com", role),
        };

        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "conformance", "cases", "request-builder.json")));
        var checkedCases = 0;
        foreach (var testCase in cases.RootElement.EnumerateArray())
        {
            var name = testCase.GetProperty("name").GetString();
            var request = testCase.GetProperty("request");
            var expected = built[request.GetProperty("principal").GetString()!];
            Assert.Equal(expected.Request.Action, request.GetProperty("action").GetString());
            Assert.Equal(expected.Request.Resource, request.GetProperty("resource").GetString());
            var context = request.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
            foreach (var (key, values) in expected.Request.Context)
            {
                Assert.True(context.TryGetValue(key, out var value), $"{name}: {key} missing");
                Assert.Equal(string.Join(",", values), value);
            }

            Assert.All(context.Keys.Where(k => !expected.Request.Context.ContainsKey(k)), k => Assert.True(expected.IsCircumstance(k), $"{name}: {k} is neither the builder's nor a circumstance"));
            checkedCases++;
        }

        Assert.Equal(60, checkedCases);
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    private static ServiceControlPolicy Scp(string name, string? arn) =>
        new(name, PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")) { Arn = arn };
}
