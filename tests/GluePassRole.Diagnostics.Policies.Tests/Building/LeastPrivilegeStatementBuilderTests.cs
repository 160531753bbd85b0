using GluePassRole.Diagnostics.Policies.Building;

namespace GluePassRole.Diagnostics.Policies.Tests.Building;

/// <summary>
/// The general statement builder: fluent use, immutability, canonical round trip and validation.
/// Sid rule: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
/// Action rule: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
/// Resource rule: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
/// Condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// </summary>
public class LeastPrivilegeStatementBuilderTests
{
    private static readonly LeastPrivilegeStatementBuilder ReadLake = LeastPrivilegeStatementBuilder.Create()
        .WithSid("ReadTheLake")
        .Allow()
        .Actions("s3:GetObject", "s3:ListBucket")
        .Resources("arn:aws:s3:::data-lake", "arn:aws:s3:::data-lake/*");

    [Fact]
    public void Build_FullStatement_HasEveryElement()
    {
        var statement = ReadLake
            .Condition("StringLike", "s3:prefix", "raw/*", "curated/*")
            .Condition(ConditionOperator.Parse("Bool"), "aws:SecureTransport", "true")
            .Build();

        Assert.Equal("ReadTheLake", statement.Sid);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], statement.Action!);
        Assert.Null(statement.NotAction);
        Assert.Equal(["arn:aws:s3:::data-lake", "arn:aws:s3:::data-lake/*"], statement.Resource!);
        Assert.Null(statement.NotResource);
        Assert.Equal(2, statement.Conditions.Count);
        Assert.Equal("StringLike", statement.Conditions[0].Operator.Name);
        Assert.Equal(["raw/*", "curated/*"], statement.Conditions[0].Values);
    }

    [Fact]
    public void ToJson_FullStatement_IsCanonicalAndRoundTrips()
    {
        var builder = ReadLake
            .Condition("ForAnyValue:StringLike", "aws:CalledVia", "glue.amazonaws.com")
            .Condition("StringEquals", "aws:PrincipalTag/team", "data");
        var json = builder.ToJson();

        Assert.Equal(json, PolicyDocument.Parse(json).ToJson());
        Assert.Equal(builder.ToJson(indented: false), PolicyDocument.Parse(json).ToJson(indented: false));
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"ReadTheLake","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::data-lake","arn:aws:s3:::data-lake/*"],"Condition":{"ForAnyValue:StringLike":{"aws:CalledVia":"glue.amazonaws.com"},"StringEquals":{"aws:PrincipalTag/team":"data"}}}]}""",
            builder.ToJson(indented: false));
    }

    [Fact]
    public void ToJson_NotActionNotResourceDeny_RoundTrips()
    {
        var json = LeastPrivilegeStatementBuilder.Create()
            .Deny()
            .NotActions("iam:ChangePassword", "sts:GetSessionToken")
            .NotResources("arn:aws:iam::123456789012:user/${aws:username}")
            .Condition("BoolIfExists", "aws:MultiFactorAuthPresent", "false")
            .ToJson();

        var document = PolicyDocument.Parse(json);
        Assert.Equal(json, document.ToJson());
        var statement = Assert.Single(document.Statements);
        Assert.Equal(Effect.Deny, statement.Effect);
        Assert.Equal(["iam:ChangePassword", "sts:GetSessionToken"], statement.NotAction!);
        Assert.Null(statement.Sid);
    }

    [Fact]
    public void BuildDocument_Always_UsesVersion2012()
    {
        var document = ReadLake.BuildDocument();

        Assert.Equal(PolicyDocument.Version2012, document.Version);
        Assert.Single(document.Statements);
    }

    [Fact]
    public void Methods_ReturnNewBuilders_OriginalUnchanged()
    {
        var start = LeastPrivilegeStatementBuilder.Create().Allow().Actions("s3:GetObject");
        var a = start.Resources("arn:aws:s3:::a/*");
        var b = start.Resources("arn:aws:s3:::b/*");

        Assert.Equal(["arn:aws:s3:::a/*"], a.Build().Resource!);
        Assert.Equal(["arn:aws:s3:::b/*"], b.Build().Resource!);
        Assert.Throws<InvalidOperationException>(start.Build);
        Assert.NotSame(start, a);
        Assert.Null(ReadLake.WithoutSid().Build().Sid);
        Assert.Equal("ReadTheLake", ReadLake.Build().Sid);
    }

    [Fact]
    public void Actions_CalledTwiceWithRepeats_AccumulatesOnceInOrder()
    {
        var statement = LeastPrivilegeStatementBuilder.Create().Allow()
            .Actions("glue:GetJob", "glue:UpdateJob")
            .Actions(new List<string> { "glue:UpdateJob", "glue:StartJobRun" })
            .Resources("*")
            .Build();

        Assert.Equal(["glue:GetJob", "glue:UpdateJob", "glue:StartJobRun"], statement.Action!);
    }

    [Fact]
    public void Deny_AfterAllow_LastEffectWins()
    {
        Assert.Equal(Effect.Deny, ReadLake.Deny().Build().Effect);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("iam:PassRole")]
    [InlineData("iam:Pass*")]
    [InlineData("iam:*")]
    [InlineData("s3:Get?bject")]
    [InlineData("execute-api:Invoke")]
    [InlineData("aws-marketplace:ViewSubscriptions")]
    [InlineData("ec2:Describe*")]
    public void Actions_WellFormed_Accepted(string action)
    {
        var statement = LeastPrivilegeStatementBuilder.Create().Allow().Actions(action).Resources("*").Build();

        Assert.Equal(action, Assert.Single(statement.Action!));
    }

    [Theory]
    [InlineData("PassRole", "Action 'PassRole' must have the form 'service:Action' with exactly one colon (or be '*' alone).")]
    [InlineData("iam:Pass:Role", "Action 'iam:Pass:Role' must have the form 'service:Action' with exactly one colon (or be '*' alone).")]
    [InlineData("iam:", "Action 'iam:' needs both a service prefix and an action name around the colon.")]
    [InlineData(":PassRole", "Action ':PassRole' needs both a service prefix and an action name around the colon.")]
    [InlineData("IAM:PassRole", "Action 'IAM:PassRole' has 'I' in its service prefix; a prefix is lower-case ASCII letters, digits and hyphens (wildcards * and ? allowed).")]
    [InlineData("iam :PassRole", "Action 'iam :PassRole' has ' ' in its service prefix; a prefix is lower-case ASCII letters, digits and hyphens (wildcards * and ? allowed).")]
    [InlineData("iam:Pass Role", "Action 'iam:Pass Role' has ' ' in its action name; an action name is ASCII letters and digits (wildcards * and ? allowed).")]
    [InlineData("", "Action '' must have the form 'service:Action' with exactly one colon (or be '*' alone).")]
    public void Actions_Malformed_ThrowsArgumentExceptionWithMessage(string action, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.Create().Actions(action));

        Assert.Equal("actions", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotActions_Malformed_ThrowsWithNotActionsParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.Create().NotActions("iam"));

        Assert.Equal("notActions", ex.ParamName);
    }

    [Fact]
    public void Actions_NullItem_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => LeastPrivilegeStatementBuilder.Create().Actions(["iam:PassRole", null!]));

        Assert.Equal("actions", ex.ParamName);
        Assert.StartsWith("The list contains a null item.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime")]
    [InlineData("arn:aws:iam::*:role/service-role/AWSGlueServiceRole*")]
    [InlineData("arn:aws:s3:::data-lake/*")]
    [InlineData("arn:aws-cn:glue:cn-north-1:123456789012:job/x")]
    [InlineData("arn:aws:logs:*:*:log-group:/aws-glue/*")]
    [InlineData("arn:aws:iam::123456789012:user/${aws:username}")]
    public void Resources_WellFormed_Accepted(string resource)
    {
        var statement = LeastPrivilegeStatementBuilder.Create().Allow().Actions("*").Resources(resource).Build();

        Assert.Equal(resource, Assert.Single(statement.Resource!));
    }

    [Theory]
    [InlineData("etl-runtime", "Resource 'etl-runtime' must be '*' or an ARN of the form 'arn:partition:service:region:account-id:resource'.")]
    [InlineData("arn:aws:iam::123456789012", "Resource 'arn:aws:iam::123456789012' must be '*' or an ARN of the form 'arn:partition:service:region:account-id:resource'.")]
    [InlineData("ARN:aws:iam::123456789012:role/x", "Resource 'ARN:aws:iam::123456789012:role/x' must be '*' or an ARN of the form 'arn:partition:service:region:account-id:resource'.")]
    [InlineData("arn::iam::123456789012:role/x", "Resource 'arn::iam::123456789012:role/x' must name a partition, a service and a resource ('arn:partition:service:region:account-id:resource').")]
    [InlineData("arn:aws:iam::123456789012:", "Resource 'arn:aws:iam::123456789012:' must name a partition, a service and a resource ('arn:partition:service:region:account-id:resource').")]
    [InlineData("arn:aws:iam::123456789012:role/etl runtime", "Resource 'arn:aws:iam::123456789012:role/etl runtime' contains whitespace or a control character.")]
    [InlineData("", "Resource '' must be '*' or an ARN of the form 'arn:partition:service:region:account-id:resource'.")]
    public void Resources_Malformed_ThrowsArgumentExceptionWithMessage(string resource, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.Create().Resources(resource));

        Assert.Equal("resources", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AllowPass")]
    [InlineData("Statement1")]
    [InlineData("a")]
    public void WithSid_Alphanumeric_Accepted(string sid)
    {
        Assert.Equal(sid, ReadLake.WithSid(sid).Build().Sid);
    }

    [Theory]
    [InlineData("Allow-Pass", "Sid 'Allow-Pass' contains '-'; IAM allows only ASCII letters A-Z, a-z and digits 0-9 in a Sid (IAM User Guide, reference_policies_elements_sid).")]
    [InlineData("Allow Pass", "Sid 'Allow Pass' contains ' '; IAM allows only ASCII letters A-Z, a-z and digits 0-9 in a Sid (IAM User Guide, reference_policies_elements_sid).")]
    [InlineData("Allow_Pass", "Sid 'Allow_Pass' contains '_'; IAM allows only ASCII letters A-Z, a-z and digits 0-9 in a Sid (IAM User Guide, reference_policies_elements_sid).")]
    [InlineData("Zugriffsrechtä", "Sid 'Zugriffsrechtä' contains 'ä'; IAM allows only ASCII letters A-Z, a-z and digits 0-9 in a Sid (IAM User Guide, reference_policies_elements_sid).")]
    [InlineData("", "Sid must not be empty; omit it instead.")]
    public void WithSid_NotAlphanumeric_ThrowsArgumentExceptionWithMessage(string sid, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReadLake.WithSid(sid));

        Assert.Equal("sid", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithEffect_Undefined_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ReadLake.WithEffect((Effect)7));

        Assert.StartsWith("Effect must be Allow or Deny.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Empty_ThrowsListingEverythingMissing()
    {
        var ex = Assert.Throws<InvalidOperationException>(LeastPrivilegeStatementBuilder.Create().Build);

        Assert.Equal(
            "The statement is incomplete: it needs an effect (call Allow() or Deny()); at least one action (call Actions(...) or NotActions(...)); "
            + "at least one resource (call Resources(...) or NotResources(...)).",
            ex.Message);
    }

    [Fact]
    public void Build_NoEffect_ThrowsNamingEffect()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LeastPrivilegeStatementBuilder.Create().Actions("s3:GetObject").Resources("*").Build());

        Assert.Equal("The statement is incomplete: it needs an effect (call Allow() or Deny()).", ex.Message);
    }

    [Fact]
    public void Build_NoAction_ThrowsNamingAction()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LeastPrivilegeStatementBuilder.Create().Allow().Resources("*").BuildDocument());

        Assert.Equal("The statement is incomplete: it needs at least one action (call Actions(...) or NotActions(...)).", ex.Message);
    }

    [Fact]
    public void Build_NoResource_ThrowsNamingResource()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LeastPrivilegeStatementBuilder.Create().Allow().Actions("s3:GetObject").ToJson());

        Assert.Equal("The statement is incomplete: it needs at least one resource (call Resources(...) or NotResources(...)).", ex.Message);
    }

    [Fact]
    public void Build_EmptyActionList_StillMissingAction()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LeastPrivilegeStatementBuilder.Create().Allow().Actions().Resources("*").Build());

        Assert.Contains("at least one action", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotActions_AfterActions_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ReadLake.NotActions("iam:*"));

        Assert.Equal("A statement has NotAction or Action, not both; this builder already has Action.", ex.Message);
    }

    [Fact]
    public void Resources_AfterNotResources_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            LeastPrivilegeStatementBuilder.Create().NotResources("arn:aws:s3:::a").Resources("*"));

        Assert.Equal("A statement has Resource or NotResource, not both; this builder already has NotResource.", ex.Message);
    }

    [Fact]
    public void Condition_UnknownOperatorName_ThrowsWithMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReadLake.Condition("StringEqualz", "iam:PassedToService", "glue.amazonaws.com"));

        Assert.Equal("operatorName", ex.ParamName);
        Assert.StartsWith(
            "'StringEqualz' is not a condition operator AWS documents (IAM User Guide, reference_policies_elements_condition_operators).",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_NullIfExists_ThrowsUnknownOperator()
    {
        // "You can add IfExists to the end of any condition operator name except the Null condition."
        var ex = Assert.Throws<ArgumentException>(() => ReadLake.Condition("NullIfExists", "aws:TokenIssueTime", "true"));

        Assert.Equal("operatorName", ex.ParamName);
    }

    [Fact]
    public void Condition_UndefinedOperatorValue_ThrowsWithMessage()
    {
        var bogus = new ConditionOperator((ConditionOperatorKind)999, ConditionSetQualifier.None, IfExists: false);

        var ex = Assert.Throws<ArgumentException>(() => ReadLake.Condition(bogus, "aws:username", "x"));

        Assert.Equal("conditionOperator", ex.ParamName);
        Assert.StartsWith("'999' is not a condition operator AWS documents.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_NoValues_ThrowsWithMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReadLake.Condition("StringEquals", "iam:PassedToService"));

        Assert.Equal("values", ex.ParamName);
        Assert.StartsWith("Condition StringEquals on 'iam:PassedToService' needs at least one value.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_NullValue_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => ReadLake.Condition("StringEquals", "iam:PassedToService", [null!]));

        Assert.Equal("values", ex.ParamName);
    }

    [Theory]
    [InlineData("PassedToService")]
    [InlineData("iam:")]
    [InlineData(":x")]
    [InlineData("iam:Passed ToService")]
    public void Condition_MalformedKey_ThrowsWithMessage(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReadLake.Condition("StringEquals", key, "x"));

        Assert.Equal("key", ex.ParamName);
        Assert.StartsWith($"Condition key '{key}' must have the form 'prefix:name'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_SameOperatorAndKeyTwice_ThrowsEvenIfKeyCaseDiffers()
    {
        var once = ReadLake.Condition("StringEquals", "iam:PassedToService", "glue.amazonaws.com");

        var ex = Assert.Throws<ArgumentException>(() => once.Condition("stringequals", "IAM:passedtoservice", "ec2.amazonaws.com"));

        Assert.Equal("key", ex.ParamName);
        Assert.StartsWith(
            "Condition StringEquals on 'IAM:passedtoservice' is already set; put all values in one call (values of one key are alternatives).",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_SameKeyDifferentOperators_Allowed()
    {
        var builder = ReadLake
            .Condition("StringLike", "s3:prefix", "raw/*")
            .Condition("StringNotLike", "s3:prefix", "raw/secret/*");

        Assert.Equal(2, builder.Build().Conditions.Count);
        Assert.Equal(2, Assert.Single(PolicyDocument.Parse(builder.ToJson()).Statements).Conditions.Count);
    }

    [Fact]
    public void Condition_RepeatedValues_KeptOnce()
    {
        var condition = Assert.Single(ReadLake.Condition("StringEquals", "aws:username", "dana", "dana", "").Build().Conditions);

        Assert.Equal(["dana", ""], condition.Values);
    }

    [Fact]
    public void ToString_ShowsTheShape()
    {
        Assert.Equal("Allow s3:GetObject,s3:ListBucket on arn:aws:s3:::data-lake,arn:aws:s3:::data-lake/*", ReadLake.ToString());
        Assert.Equal("(no effect)  on ", LeastPrivilegeStatementBuilder.Create().ToString());
    }
}
