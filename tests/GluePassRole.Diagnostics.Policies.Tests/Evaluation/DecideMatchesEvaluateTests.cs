using CsCheck;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// The fast path and the explained path are two codes for one decision: they must never disagree. Generated policy sets
/// cover every policy type (identity, boundary, session, resource with Principal/NotPrincipal, SCP and RCP levels, empty
/// levels), conditions, policy variables, NotAction/NotResource and requests with and without each context key.
/// On failure CsCheck prints the seed ("Set seed: ..."); set the environment variable <c>CsCheck_Seed</c> to replay it.
/// </summary>
public class DecideMatchesEvaluateTests
{
    private const int PolicySets = 10_000;
    private const int RequestsPerSet = 10; // 100,000 cases per run

    private const string Acct = "111111111111";
    private const string User = "arn:aws:iam::111111111111:user/dana";
    private const string Role = "arn:aws:iam::111111111111:role/etl-runtime";
    private const string Session = "arn:aws:sts::111111111111:assumed-role/etl-runtime/s1";
    private const string Federated = "arn:aws:sts::111111111111:federated-user/bob";
    private const string Root = "arn:aws:iam::111111111111:root";
    private const string OtherUser = "arn:aws:iam::222222222222:user/eve";
    private const string Key = "arn:aws:kms:us-east-1:111111111111:key/k1";

    private static readonly Gen<string> ActionPattern = Gen.OneOf<string>(
        "iam:PassRole", "iam:Pass*", "iam:*", "*", "s3:GetObject", "s3:*", "iam:P?ssRole", "glue:*", "sts:AssumeRole", "sts:*", "kms:*",
        "kms:Decrypt", "sts:GetCallerIdentity", "sts:TagSession");

    private static readonly Gen<string> ResourcePattern = Gen.OneOf<string>(
        "*", "arn:aws:iam::*:role/etl-*", "arn:aws:iam::111111111111:role/${aws:username}", "arn:aws:iam::222222222222:role/*",
        "arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111111111111:role/${aws:PrincipalTag/team, 'etl'}-*",
        "arn:aws:s3:::data-lake/*", "arn:aws:s3:::data-lake/${aws:username}*", "arn:aws:kms:*:111111111111:key/*", "arn:aws:iam::*:role/*",
        "arn:aws:sts::*:*");

    private static readonly Gen<string> Condition = Gen.OneOf<string>(
        "", "", "",
        "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"glue.amazonaws.com\"}},",
        "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}},",
        "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}},",
        "\"Condition\":{\"StringNotLike\":{\"iam:PassedToService\":\"ec2.*\"}},",
        "\"Condition\":{\"StringNotEqualsIfExists\":{\"iam:PassedToService\":\"glue.amazonaws.com\"}},",
        "\"Condition\":{\"Null\":{\"aws:username\":\"true\"}},",
        "\"Condition\":{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"team\",\"env\"]}},",
        "\"Condition\":{\"ForAllValues:StringLike\":{\"aws:TagKeys\":\"t*\"}},",
        "\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"${aws:PrincipalTag/account}\"}},",
        "\"Condition\":{\"StringLike\":{\"aws:PrincipalTag/team\":\"${aws:username}*\"}},");

    private static readonly Gen<string> Principal = Gen.OneOf<string>(
        "\"*\"", "{\"AWS\":\"*\"}", $"{{\"AWS\":\"{User}\"}}", $"{{\"AWS\":\"{Role}\"}}", $"{{\"AWS\":\"{Root}\"}}", $"{{\"AWS\":\"{Acct}\"}}",
        "{\"Service\":\"glue.amazonaws.com\"}", $"{{\"AWS\":\"{Federated}\"}}", $"{{\"AWS\":\"{Session}\"}}", $"{{\"AWS\":\"{OtherUser}\"}}",
        "{\"AWS\":\"222222222222\"}");

    /// <summary>Statement kinds: identity-like (no principal), resource (Principal or NotPrincipal), RCP (Principal "*").</summary>
    private enum Kind
    {
        Identity,
        Resource,
        Rcp,
    }

    private static Gen<string> Statement(Kind kind) => Gen.Select(Gen.Int[0, 3], ActionPattern, ResourcePattern, Condition, Principal, Gen.Int[0, 3],
        (flags, action, resource, condition, principal, principalKind) =>
        {
            var deny = kind == Kind.Rcp ? (flags & 1) != 0 || principalKind > 0 : (flags & 1) != 0;
            var notAction = (flags & 2) != 0 && principalKind != 3;
            var notResource = principalKind == 3 && (flags & 2) != 0;
            var principalElement = kind switch
            {
                Kind.Resource => principalKind == 0 && deny ? $"\"NotPrincipal\":{principal}," : $"\"Principal\":{principal},",
                Kind.Rcp => "\"Principal\":\"*\",",
                _ => string.Empty,
            };
            return $$"""{{{condition}}{{principalElement}}"Effect":"{{(deny ? "Deny" : "Allow")}}","{{(notAction ? "NotAction" : "Action")}}":"{{action}}","{{(notResource ? "NotResource" : "Resource")}}":"{{resource}}"}""";
        });

    private static Gen<SourcedPolicy> Policy(Kind kind) => Gen.Select(Statement(kind).Array[1, 3], Gen.Int[0, 9], (statements, version) =>
        new SourcedPolicy(
            PolicyDocument.Parse($$"""{"Version":"{{(version == 0 ? "2008-10-17" : "2012-10-17")}}","Statement":[{{string.Join(",", statements)}}]}"""),
            PolicySource.Supplied("p")));

    private static readonly Gen<IReadOnlyList<IReadOnlyList<SourcedPolicy>>?> ScpLevels = Gen.Int[0, 3].SelectMany(shape => shape == 0
        ? Gen.Const<IReadOnlyList<IReadOnlyList<SourcedPolicy>>?>(() => null)
        : Policy(Kind.Identity).Array[0, 2].Array[1, 3].Select(levels => (IReadOnlyList<IReadOnlyList<SourcedPolicy>>?)levels));

    private static readonly Gen<IReadOnlyList<IReadOnlyList<SourcedPolicy>>?> RcpLevels = Gen.Int[0, 2].SelectMany(shape => shape == 0
        ? Gen.Const<IReadOnlyList<IReadOnlyList<SourcedPolicy>>?>(() => null)
        : Policy(Kind.Rcp).Array[0, 2].Array[1, 2].Select(levels => (IReadOnlyList<IReadOnlyList<SourcedPolicy>>?)levels));

    private static readonly Gen<PolicySet> Set = Gen.Select(
        Policy(Kind.Identity).Array[0, 3], Gen.Int[0, 7], Policy(Kind.Identity), Policy(Kind.Identity), Policy(Kind.Resource), ScpLevels, RcpLevels,
        (identity, extras, boundary, session, resource, scps, rcps) => new PolicySet
        {
            IdentityPolicies = identity,
            PermissionsBoundary = (extras & 1) != 0 ? boundary : null,
            SessionPolicy = (extras & 2) != 0 ? session : null,
            ResourcePolicy = (extras & 4) != 0 ? resource : null,
            ServiceControlPolicies = scps,
            ResourceControlPolicies = rcps,
        });

    private static readonly Gen<string> RequestPrincipal = Gen.OneOf<string>(User, Role, Session, Federated, Root, OtherUser, "glue.amazonaws.com");

    private static readonly Gen<(string Action, string Resource)> Operation = Gen.OneOf<(string, string)>(
        ("iam:PassRole", Role), ("iam:PassRole", "arn:aws:iam::111111111111:role/dana"), ("iam:PassRole", "arn:aws:iam::222222222222:role/x"),
        ("s3:GetObject", "arn:aws:s3:::data-lake/dana-report.csv"), ("sts:AssumeRole", Role), ("sts:TagSession", Role), ("sts:AssumeRole", "*"),
        ("kms:Decrypt", Key), ("sts:GetCallerIdentity", "*"), ("glue:CreateJob", "arn:aws:glue:us-east-1:111111111111:job/etl"));

    /// <summary>Each bit of the mask adds one context key, so every key is sometimes missing.</summary>
    private static readonly Gen<AuthorizationRequest> Request = Gen.Select(RequestPrincipal, Operation, Gen.Int[0, 127], Gen.Bool,
        (principal, operation, mask, flip) =>
        {
            var context = RequestContext.Empty;
            context = (mask & 1) != 0 ? context.With("iam:PassedToService", flip ? "glue.amazonaws.com" : "ec2.amazonaws.com") : context;
            context = (mask & 2) != 0 ? context.With("aws:MultiFactorAuthPresent", flip ? "true" : "false") : context;
            context = (mask & 4) != 0 ? context.With("aws:username", "dana") : context;
            context = (mask & 8) != 0 ? context.With("aws:PrincipalAccount", Acct) : context;
            context = (mask & 16) != 0 ? context.With("aws:PrincipalTag/team", flip ? "etl" : "dana-x") : context;
            context = (mask & 32) != 0 ? context.With("aws:TagKeys", flip ? ["team"] : ["team", "owner"]) : context;
            context = (mask & 64) != 0 ? context.With("aws:PrincipalTag/account", Acct) : context;
            return new AuthorizationRequest { Principal = principal, Action = operation.Action, Resource = operation.Resource, Context = context };
        });

    [Fact]
    public void Decide_GeneratedPolicySetsAndRequests_AgreesWithEvaluate()
    {
        Gen.Select(Set, Request.Array[RequestsPerSet]).Sample((set, requests) =>
        {
            var compiled = PolicyEvaluator.Compile(set);
            foreach (var request in requests)
            {
                var result = compiled.Evaluate(request);
                Assert.True(compiled.Decide(request) == result.Decision, $"Decide differs from Evaluate ({result.Decision}) for {request}: {result.Explanation}");
                Assert.Equal(result.Decision == Decision.ImplicitDeny, result.LayerLackingAllow is not null);
                if (result.Decision == Decision.ExplicitDeny)
                {
                    Assert.NotEmpty(result.DecidingStatements);
                    Assert.All(result.DecidingStatements, s => Assert.Equal(Effect.Deny, s.Statement.Effect));
                }
                else if (result.Decision == Decision.ImplicitDeny)
                {
                    Assert.Empty(result.DecidingStatements);
                }
            }
        }, iter: PolicySets);
    }
}
