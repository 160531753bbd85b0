using GluePassRole.Diagnostics.Policies.Conditions;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// A request's decision per class of the circumstances its conditions tell apart (source IP, MFA and its age, ...).
/// Sources, each cited where a test relies on it:
/// <list type="bullet">
/// <item>Condition operators, including "If the key that you specify in a policy condition is not present in the request
/// context, the values do not match and the condition is false. If the policy condition requires that the key is not
/// matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true", and the
/// exceptions ...IfExists and Null: IAM User Guide, "IAM JSON policy elements: Condition operators",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html</item>
/// <item>The keys and when AWS sends them: IAM User Guide, "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html</item>
/// <item>Explicit deny over allow, implicit deny without an allow: IAM User Guide, "Policy evaluation logic",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html</item>
/// </list>
/// </summary>
public class CircumstanceTests
{
    private const string User = "arn:aws:iam::111111111111:user/dana";
    private const string Role = "arn:aws:iam::111111111111:role/etl-runtime";
    private const string AllowPassRole = """{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""";

    private static readonly AuthorizationRequest PassRole = AuthorizationRequest.PassRole(User, Role);

    private static CompiledPolicySet Compile(params string[] statements) => PolicyEvaluator.Compile(new PolicySet
    {
        IdentityPolicies =
        [
            new SourcedPolicy(
                PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}"""),
                PolicySource.Supplied("identity")),
        ],
    });

    private static ConditionalDecision DecideUnder(CompiledPolicySet policies, AuthorizationRequest request, CircumstanceOptions? options = null) =>
        policies.DecideUnder(request, policies.Circumstances(request, options));

    private static RequestContext At(string key, string value) => PassRole.Context.With(key, value);

    [Fact]
    public void AllowLimitedToSourceIp_AllowedInsideTheRangeOnly()
    {
        // IpAddress: "Matches the specified IP address or range"; a request without aws:SourceIp does not match it
        // (condition operators page). aws:SourceIp is the requester's IP, absent through a VPC endpoint (global keys page).
        var policies = Compile("""
            {"Sid":"FromTheOffice","Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}
            """);

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(["aws:SourceIp"], decision.Space.Keys);
        Assert.True(decision.IsComplete);
        Assert.True(decision.IsConditional);
        Assert.Null(decision.Uniform);
        Assert.Equal(
            [("10.0.0.0", Decision.Allowed), ("9.255.255.255", Decision.ImplicitDeny), (null, Decision.ImplicitDeny)],
            decision.Outcomes.Select(o => (Assert.Single(o.Assignment).Value, o.Decision)));
        Assert.Equal("aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0", decision.Outcomes[0].Description);
        Assert.Equal("aws:SourceIp absent", decision.Outcomes[2].Description);
        Assert.Equal("Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0; ImplicitDeny otherwise", decision.Describe());
        Assert.Equal([Decision.Allowed, Decision.ImplicitDeny], decision.Decisions);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "10.1.2.3")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "10.255.255.255")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "192.0.2.1")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "11.0.0.0")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));

        // Each outcome carries the concrete context it decided, which the plain evaluator agrees with.
        Assert.All(decision.Outcomes, o => Assert.Equal(o.Decision, policies.Decide(PassRole with { Context = o.Context })));
    }

    [Fact]
    public void DenyOutsideSourceIpUnlessViaService_OnTopOfAnAllow_DeniesOnlyDirectCallsFromElsewhere()
    {
        // The IAM User Guide's "AWS: Denies access to AWS based on the source IP" example: NotIpAddress aws:SourceIp plus
        // Bool aws:ViaAWSService false. A missing aws:SourceIp satisfies the negated NotIpAddress (condition operators page);
        // a missing aws:ViaAWSService fails Bool (no IfExists).
        var policies = Compile(
            AllowPassRole,
            """
            {"Sid":"DenyOutsideOffice","Effect":"Deny","Action":"*","Resource":"*",
             "Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"},"Bool":{"aws:ViaAWSService":"false"}}}
            """);

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(["aws:SourceIp", "aws:ViaAWSService"], decision.Space.Keys);
        Assert.Equal(9, decision.Space.Combinations);
        Assert.Equal(9, decision.Outcomes.Count);
        var denied = decision.Outcomes.Where(o => o.Decision == Decision.ExplicitDeny).Select(o => (o.Assignment[0].Value, o.Assignment[1].Value)).ToList();
        Assert.Equal([("192.0.1.255", "false"), (null, "false")], denied);
        Assert.All(decision.Outcomes.Where(o => o.Decision != Decision.ExplicitDeny), o => Assert.Equal(Decision.Allowed, o.Decision));

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "192.0.2.10").With("aws:ViaAWSService", "false")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:SourceIp", "203.0.113.5").With("aws:ViaAWSService", "false")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "203.0.113.5").With("aws:ViaAWSService", "true")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:ViaAWSService", "false")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(PassRole.Context));

        var text = decision.Describe();
        Assert.StartsWith("ExplicitDeny when ", text, StringComparison.Ordinal);
        Assert.EndsWith("; Allowed otherwise", text, StringComparison.Ordinal);
        Assert.Contains("aws:ViaAWSService = false", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DenyWhenMfaOlderThanAnHour_DeniesOnlyAboveTheAge()
    {
        // NumericGreaterThan: "Matching greater than" (condition operators page). aws:MultiFactorAuthAge is in seconds since
        // the MFA sign-in and present only with temporary credentials (global keys page); a missing key fails the positive
        // operator, so the deny does not apply without it.
        var policies = Compile(
            AllowPassRole,
            """{"Sid":"StaleMfa","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(
            [("3599", Decision.Allowed), ("3601", Decision.ExplicitDeny), (null, Decision.Allowed)],
            decision.Outcomes.Select(o => (Assert.Single(o.Assignment).Value, o.Decision)));
        Assert.Equal("aws:MultiFactorAuthAge <= 3600", decision.Outcomes[0].Description); // 3599 and 3600 satisfy the same conditions
        Assert.Equal("aws:MultiFactorAuthAge > 3600", decision.Outcomes[1].Description);
        Assert.Equal("ExplicitDeny when aws:MultiFactorAuthAge > 3600; Allowed otherwise", decision.Describe());

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:MultiFactorAuthAge", "3600")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:MultiFactorAuthAge", "12")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:MultiFactorAuthAge", "3600.5")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:MultiFactorAuthAge", "86400")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(PassRole.Context));
    }

    [Fact]
    public void DateConditionOnCurrentTime_GivenInTheContext_IsNoCircumstance()
    {
        // aws:CurrentTime is in every request (global keys page), and the request builder supplies it: a known key, so the
        // space is empty and the date operator decides alone (DateLessThan, condition operators page).
        var policies = Compile("""
            {"Sid":"UntilTheEndOfTheCentury","Effect":"Allow","Action":"iam:PassRole","Resource":"*",
             "Condition":{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}}
            """);
        var request = PassRole with { Context = At("aws:CurrentTime", "2026-12-07T19:53:01Z") };

        var decision = DecideUnder(policies, request);

        Assert.True(decision.Space.IsEmpty);
        Assert.Empty(decision.Space.Keys);
        Assert.Equal(1, decision.Space.Combinations);
        Assert.Equal(Decision.Allowed, decision.Uniform);
        Assert.False(decision.IsConditional);
        Assert.Equal("Allowed", decision.Describe());
        Assert.Empty(Assert.Single(decision.Outcomes).Assignment);
        Assert.Equal(Decision.Allowed, decision.DecisionAt(request.Context));

        // Even when the caller makes aws:CurrentTime a circumstance, a value the context carries is known.
        var asCircumstance = new CircumstanceOptions { IsCircumstance = key => key == "aws:CurrentTime" };
        Assert.True(policies.Circumstances(request, asCircumstance).IsEmpty);
    }

    [Fact]
    public void DateConditionOnTokenIssueTime_SplitsAtTheDate()
    {
        // aws:TokenIssueTime is present only with temporary credentials (global keys page): a circumstance.
        var policies = Compile(
            AllowPassRole,
            """{"Sid":"OldTokens","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-06-01T00:00:00Z"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal("ExplicitDeny when aws:TokenIssueTime < 2026-06-01T00:00:00Z; Allowed otherwise", decision.Describe());
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:TokenIssueTime", "2026-05-31T23:59:59Z")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:TokenIssueTime", "2026-06-01T00:00:00Z")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:TokenIssueTime", "1798761600"))); // 2027-01-01 in epoch seconds
        Assert.Equal(Decision.Allowed, decision.DecisionAt(PassRole.Context));
    }

    [Fact]
    public void ForceMfaGuardrail_ClassesTrueFalseAbsent_DeniedUnlessMfaIsTrue()
    {
        // The IAM User Guide's force-MFA policy denies with BoolIfExists aws:MultiFactorAuthPresent false: "IfExists" makes a
        // missing key satisfy the condition (condition operators page), and the key is absent with long-term access keys
        // (global keys page), so the deny applies to them too.
        var policies = PolicyEvaluator.Compile(FieldNote.PoliciesWithFix);
        var request = FieldNote.PassRole(mfa: null);

        var decision = DecideUnder(policies, request);

        Assert.Equal(["aws:MultiFactorAuthPresent"], decision.Space.Keys);
        var classes = Assert.Single(decision.Space.Classes);
        Assert.Equal(["true", "false", null], classes.Select(c => c.Value));
        Assert.Equal(["aws:MultiFactorAuthPresent = true", "aws:MultiFactorAuthPresent = false", "aws:MultiFactorAuthPresent absent"], classes.Select(c => c.Description));
        Assert.True(classes[2].IsAbsent);
        Assert.Equal([Decision.Allowed, Decision.ExplicitDeny, Decision.ExplicitDeny], decision.Outcomes.Select(o => o.Decision));
        Assert.Equal("Allowed when aws:MultiFactorAuthPresent = true; ExplicitDeny otherwise", decision.Describe());

        // Without the fix, MFA only turns the explicit deny into an implicit one (the field note).
        var before = DecideUnder(PolicyEvaluator.Compile(FieldNote.Policies), request);
        Assert.Equal([Decision.ImplicitDeny, Decision.ExplicitDeny, Decision.ExplicitDeny], before.Outcomes.Select(o => o.Decision));
        Assert.DoesNotContain(Decision.Allowed, before.Decisions);
    }

    [Fact]
    public void KeyPinnedInTheContext_IsNoCircumstance()
    {
        var policies = Compile("""
            {"Sid":"FromTheOffice","Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}
            """);

        Assert.Equal(Decision.Allowed, DecideUnder(policies, PassRole with { Context = At("aws:SourceIp", "10.1.2.3") }).Uniform);
        Assert.Equal(Decision.ImplicitDeny, DecideUnder(policies, PassRole with { Context = At("aws:SourceIp", "192.0.2.1") }).Uniform);
        Assert.True(policies.Circumstances(PassRole with { Context = At("AWS:SOURCEIP", "10.1.2.3") }).IsEmpty); // keys are case-insensitive

        // The force-MFA guardrail with the MFA key pinned (--mfa) has no circumstance left.
        var fieldNote = PolicyEvaluator.Compile(FieldNote.PoliciesWithFix);
        var pinned = DecideUnder(fieldNote, FieldNote.PassRole(mfa: "true"));
        Assert.True(pinned.Space.IsEmpty);
        Assert.Equal(Decision.Allowed, pinned.Uniform);
    }

    [Fact]
    public void KeyOfNoCoveringStatement_IsNoCircumstance()
    {
        // Only the statements that cover the request's action count: a source-IP condition on s3:* does not split iam:PassRole.
        var policies = Compile(
            AllowPassRole,
            """{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.True(decision.Space.IsEmpty);
        Assert.Equal(Decision.Allowed, decision.Uniform);
    }

    [Fact]
    public void ConditionsTellingNoValuesApart_UniformWhateverTheCircumstances()
    {
        var policies = Compile(
            AllowPassRole,
            """{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/other","Condition":{"Bool":{"aws:ViaAWSService":"false"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.False(decision.Space.IsEmpty);
        Assert.Equal(Decision.Allowed, decision.Uniform);
        Assert.Equal("Allowed whatever the circumstances (aws:ViaAWSService)", decision.Describe());
    }

    [Fact]
    public void Bound_CombinationsPastIt_AreNotDecided()
    {
        // Three keys of three classes each: 27 combinations, of which the bound lets 4 be decided.
        var policies = Compile(
            """
            {"Sid":"Guarded","Effect":"Allow","Action":"iam:PassRole","Resource":"*",
             "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"aws:SourceVpc":"vpc-111"}}}
            """);

        var decision = DecideUnder(policies, PassRole, new CircumstanceOptions { MaxCombinations = 4 });

        Assert.Equal(27, decision.Space.Combinations);
        Assert.Equal(4, decision.Space.Bound);
        Assert.False(decision.Space.IsComplete);
        Assert.False(decision.IsComplete);
        Assert.Equal(4, decision.Outcomes.Count);
        Assert.Null(decision.Uniform);
        Assert.True(decision.IsConditional);

        // The first class of every key comes first, the last key turning fastest.
        Assert.Equal(["aws:SourceIp", "aws:SourceVpc", "aws:MultiFactorAuthPresent"], decision.Space.Keys);
        Assert.Equal(Decision.Allowed, decision.Outcomes[0].Decision);
        var inside = At("aws:SourceIp", "10.9.9.9").With("aws:SourceVpc", "vpc-111");
        Assert.Equal(Decision.Allowed, decision.DecisionAt(inside.With("aws:MultiFactorAuthPresent", "true")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(inside.With("aws:MultiFactorAuthPresent", "false")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(inside));

        // Past the bound: not decided, so unknown, never guessed.
        Assert.Equal(Decision.Unknown, decision.DecisionAt(At("aws:SourceIp", "192.0.2.1").With("aws:SourceVpc", "vpc-111").With("aws:MultiFactorAuthPresent", "true")));
        Assert.Equal(Decision.Unknown, decision.DecisionAt(PassRole.Context));
        Assert.EndsWith("; not decided for the 23 other combinations past the bound of 4", decision.Describe(), StringComparison.Ordinal);

        // A bound below one still decides one combination.
        var one = DecideUnder(policies, PassRole, new CircumstanceOptions { MaxCombinations = 0 });
        Assert.Single(one.Outcomes);
        Assert.Equal(1, one.Space.Bound);
    }

    [Fact]
    public void IPv6Ranges_SplitLikeIPv4_AndNeverMatchIPv4()
    {
        // "IPv4 and IPv6 addresses" are both accepted by the IP address operators (condition operators page, IP address).
        var policies = Compile("""
            {"Sid":"FromTheOffice","Effect":"Allow","Action":"iam:PassRole","Resource":"*",
             "Condition":{"IpAddress":{"aws:SourceIp":["2001:db8::/32","203.0.113.0/24"]}}}
            """);

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "2001:db8::1")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "203.0.113.7")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "2001:db9::1")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "::ffff:203.0.113.7"))); // IPv4-mapped is IPv6
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "198.51.100.1")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));

        var classes = Assert.Single(decision.Space.Classes);
        Assert.Equal("aws:SourceIp in 2001:db8::/32 or aws:SourceIp in 203.0.113.0/24, e.g. 2001:db8::", classes[0].Description);
        Assert.Equal("aws:SourceIp outside 2001:db8::/32, 203.0.113.0/24, e.g. 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", classes[1].Description);
        Assert.Equal(3, classes.Count); // inside either range, outside both, absent
    }

    [Fact]
    public void NestedRanges_DenyInsideTheInnerAllowInsideTheOuter()
    {
        // Explicit deny wins over the allow (policy evaluation logic): 10.1.0.0/16 is denied although 10.0.0.0/8 is allowed.
        var policies = Compile(
            """{"Sid":"Office","Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""",
            """{"Sid":"Lab","Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}}""");

        var decision = DecideUnder(policies, PassRole);

        var classes = Assert.Single(decision.Space.Classes);
        Assert.Equal(
            [
                "aws:SourceIp in 10.0.0.0/8 (not in 10.1.0.0/16), e.g. 10.0.0.0",
                "aws:SourceIp outside 10.0.0.0/8, 10.1.0.0/16, e.g. 9.255.255.255",
                "aws:SourceIp in 10.0.0.0/8 and 10.1.0.0/16, e.g. 10.1.0.0",
                "aws:SourceIp absent",
            ],
            classes.Select(c => c.Description));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:SourceIp", "10.1.2.3")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:SourceIp", "10.1.255.255")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "10.0.255.255")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIp", "10.2.0.0")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceIp", "11.0.0.1")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));
        Assert.Equal(
            "Allowed when aws:SourceIp in 10.0.0.0/8 (not in 10.1.0.0/16), e.g. 10.0.0.0; ExplicitDeny when aws:SourceIp in 10.0.0.0/8 and 10.1.0.0/16, e.g. 10.1.0.0; ImplicitDeny otherwise",
            decision.Describe());
    }

    [Fact]
    public void NullCheckAlone_PresentAndAbsentAreTwoClasses()
    {
        // "Null": "true" holds when the key is absent (condition operators page, Null condition operator). A Null check names
        // no value, but a present value is still a class of its own: the deny must not be reported as uniform.
        var policies = Compile(
            AllowPassRole,
            """{"Sid":"NeedSourceIdentity","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:SourceIdentity":"true"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(["aws:SourceIdentity present (any value)", "aws:SourceIdentity absent"], Assert.Single(decision.Space.Classes).Select(c => c.Description));
        Assert.Null(decision.Uniform);
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceIdentity", "dana@example.com")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(PassRole.Context));
        Assert.Equal("Allowed when aws:SourceIdentity present (any value); ExplicitDeny otherwise", decision.Describe());
    }

    [Fact]
    public void AbsentKey_IsItsOwnClass_EvenWhenItSatisfiesTheSameConditionsAsAValue()
    {
        // IpAddress fails both for an address outside the range and for a missing key (condition operators page), yet a
        // request without aws:SourceIp (through a VPC endpoint, global keys page) is another situation than one from
        // elsewhere: it keeps its own class, and a concrete value never lands in it.
        var policies = Compile("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}
            """);

        var space = policies.Circumstances(PassRole);

        var classes = Assert.Single(space.Classes);
        Assert.Equal(3, classes.Count);
        Assert.True(classes[^1].IsAbsent);
        Assert.Equal([0, 2], [.. space.ClassesOf(At("aws:SourceIp", "10.0.0.1"))!, .. space.ClassesOf(PassRole.Context)!]);
        Assert.Equal([1], space.ClassesOf(At("aws:SourceIp", "192.0.2.1"))!);
    }

    [Fact]
    public void ValueMatchingNoPattern_HasAClassOfItsOwn()
    {
        // StringLike: "The values can include multi-character match wildcards (*) and single-character match wildcards (?)
        // anywhere in the string" (condition operators page). A value that matches no pattern is a class too.
        var policies = Compile("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"aws:UserAgent":"o*"}}}
            """);

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:UserAgent", "other-client/1.0")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:UserAgent", "aws-cli/2.15")));
        Assert.Equal(
            ["aws:UserAgent like o* (e.g. o)", "aws:UserAgent is another value (none of o*, e.g. ~)", "aws:UserAgent absent"],
            Assert.Single(decision.Space.Classes).Select(c => c.Description));
    }

    [Fact]
    public void OverlappingPatterns_EveryCombinationThatSomeValueMatches_IsAClass()
    {
        // A deny on "aws-*" over an allow on "*boto*": a value matching both (aws-boto) is denied, one matching only the allow
        // is allowed. Explicit deny wins (policy evaluation logic).
        var policies = Compile(
            """{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"aws:UserAgent":["*boto*","Boto3/1.?"]}}}""",
            """{"Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"aws:UserAgent":"aws-*"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:UserAgent", "aws-cli/2.15 boto")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:UserAgent", "aws-sdk-java")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:UserAgent", "my-boto-client")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:UserAgent", "Boto3/1.3")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:UserAgent", "curl/8")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));
        Assert.Contains(Assert.Single(decision.Space.Classes), c => c.Description.StartsWith("aws:UserAgent like *boto* and like aws-*", StringComparison.Ordinal));
        Assert.DoesNotContain(Decision.Unknown, decision.Decisions);
    }

    [Fact]
    public void ManyStrings_OneClassForThemAndOneForAnotherValue()
    {
        var vpcs = Enumerable.Range(0, 400).Select(i => $"vpc-{i:x8}{i * 7919:x9}").ToList();
        var list = string.Join(",", vpcs.Select(v => $"\"{v}\""));
        var policies = Compile("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":[""" + list + "]}}}");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceVpc", vpcs[123])));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:SourceVpc", "vpc-0123456789abcdef0")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));
        Assert.Equal(3, Assert.Single(decision.Space.Classes).Count); // one of them, another value, absent
    }

    [Fact]
    public void ManyPatterns_PastTheWalksBound_StillAClassPerPatternAndAnotherValue()
    {
        // 300 patterns make more states than the walk visits: each pattern's instances and another value are the candidates.
        var patterns = Enumerable.Range(0, 300).Select(i => $"arn:aws:iam::{i:d12}:role/team-{i}-*").ToList();
        Assert.Null(TextRegions.Find([.. patterns.Select(p => new TextRegions.Item(p, TextRegions.Match.Pattern))], new HashSet<string>()));
        var list = string.Join(",", patterns.Select(v => $"\"{v}\""));
        var policies = Compile("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"aws:UserAgent":[""" + list + "]}}}");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:UserAgent", "arn:aws:iam::000000000042:role/team-42-etl")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(At("aws:UserAgent", "aws-cli/2.15")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(PassRole.Context));
    }

    [Fact]
    public void StringComparedExactlyAndIgnoringCase_CaseVariantsAreAClass()
    {
        // StringEquals is case-sensitive, StringEqualsIgnoreCase is not (condition operators page): vpc-111 equals VPC-111
        // ignoring case only, so the deny (equal ignoring case, yet not exactly) applies to it and not to VPC-111.
        var policies = Compile(
            AllowPassRole,
            """{"Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"aws:SourceVpc":"VPC-111"},"StringNotEquals":{"aws:SourceVpc":"VPC-111"}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceVpc", "VPC-111")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:SourceVpc", "vpc-111")));
        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:SourceVpc", "Vpc-111")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(At("aws:SourceVpc", "vpc-222")));
        Assert.Equal("ExplicitDeny when aws:SourceVpc = VPC-111 ignoring case (e.g. vpc-111); Allowed otherwise", decision.Describe());
    }

    [Fact]
    public void BoolWithAPolicyVariable_StillSplitsTrueFromFalse()
    {
        // Bool supports policy variables (condition operators page, Boolean); the variable resolves from the known keys.
        var policies = Compile("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"${aws:PrincipalTag/needs-mfa}"}}}
            """);
        var request = PassRole with { Context = At("aws:PrincipalTag/needs-mfa", "true") };

        var decision = policies.DecideUnder(request, policies.Circumstances(request));

        Assert.Equal(["true", "false", null], Assert.Single(decision.Space.Classes).Select(c => c.Value));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(request.Context.With("aws:MultiFactorAuthPresent", "true")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(request.Context.With("aws:MultiFactorAuthPresent", "false")));
    }

    [Fact]
    public void StringEqualsWithAPolicyVariable_ResolvedFromTheKnownKeys()
    {
        // aws:SourceIdentity must equal the caller's user name (a policy variable, IAM User Guide "Policy variables").
        var policies = Compile("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"${aws:username}"}}}
            """);
        var request = PassRole with { Context = At("aws:username", "dana") };

        var decision = policies.DecideUnder(request, policies.Circumstances(request));

        Assert.Equal(Decision.Allowed, decision.DecisionAt(request.Context.With("aws:SourceIdentity", "dana")));
        Assert.Equal(Decision.ImplicitDeny, decision.DecisionAt(request.Context.With("aws:SourceIdentity", "eve")));
        Assert.Equal("Allowed when aws:SourceIdentity = dana; ImplicitDeny otherwise", decision.Describe());
    }

    [Fact]
    public void NumbersAtTheEndsOfTheDecimalRange_DoNotOverflow()
    {
        var policies = Compile(
            AllowPassRole,
            """{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":["79228162514264337593543950335","-79228162514264337593543950335"]}}}""");

        var decision = DecideUnder(policies, PassRole);

        Assert.Equal(Decision.ExplicitDeny, decision.DecisionAt(At("aws:MultiFactorAuthAge", "3600")));
        Assert.Equal(Decision.Allowed, decision.DecisionAt(PassRole.Context));
    }

    [Theory]
    [InlineData("2001:db8::", "2001:db8::")]
    [InlineData("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1")] // the first of two equal zero runs
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")] // one zero group stays
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("fe80::", "fe80::")]
    [InlineData("1:0:0:2:0:0:0:3", "1:0:0:2::3")] // the longest run
    [InlineData("::ffff:192.0.2.1", "::ffff:c000:201")]
    public void IpRangeFormatAddress_Ipv6_Rfc5952Form(string address, string expected)
    {
        // Class descriptions show addresses the way policies write them (RFC 5952), and the form parses back.
        Assert.True(IpRange.TryParseAddress(address, out var bits, out var isV6));
        Assert.True(isV6);
        var text = IpRange.FormatAddress(bits, isV6: true);
        Assert.Equal(expected, text);
        Assert.True(IpRange.TryParseAddress(text, out var again, out _));
        Assert.Equal(bits, again);
    }
}
