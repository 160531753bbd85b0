using CsCheck;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>The fast path and the explained path are two codes for one decision: they must never disagree.</summary>
public class DecideMatchesEvaluateTests
{
    private static readonly Gen<string> Action = Gen.OneOf<string>("iam:PassRole", "iam:Pass*", "iam:*", "*", "s3:GetObject", "iam:P?ssRole", "glue:*");
    private static readonly Gen<string> Resource = Gen.OneOf<string>(
        "*", "arn:aws:iam::*:role/AWSGlueServiceRole*", "arn:aws:iam::111111111111:role/etl-*", "arn:aws:iam::111111111111:role/${aws:username}",
        "arn:aws:iam::222222222222:role/*", "arn:aws:s3:::bucket/*");
    private static readonly Gen<string> Condition = Gen.OneOf<string>(
        "", "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"glue.amazonaws.com\"}},",
        "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}},",
        "\"Condition\":{\"StringNotLike\":{\"iam:PassedToService\":\"ec2.*\"}},");

    private static readonly Gen<string> Statement = Gen.Select(Gen.Bool, Gen.Bool, Action, Gen.Bool, Resource, Condition,
        (deny, notAction, action, notResource, resource, condition) =>
            $$"""{{{condition}}"Effect":"{{(deny ? "Deny" : "Allow")}}","{{(notAction ? "NotAction" : "Action")}}":"{{action}}","{{(notResource ? "NotResource" : "Resource")}}":"{{resource}}"}""");

    private static readonly Gen<SourcedPolicy> Policy = Statement.Array[1, 3].Select(statements =>
        new SourcedPolicy(PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}"""), PolicySource.Supplied("p")));

    private static readonly Gen<PolicySet> Set = Gen.Select(Policy.Array[0, 3], Gen.Int[0, 3], Policy, Policy,
        (identity, extras, boundary, scp) => new PolicySet
        {
            IdentityPolicies = identity,
            PermissionsBoundary = (extras & 1) != 0 ? boundary : null,
            ServiceControlPolicies = (extras & 2) != 0 ? [[scp]] : null,
        });

    private static readonly Gen<AuthorizationRequest> Request = Gen.Select(
        Gen.OneOf<string>("arn:aws:iam::111111111111:role/etl-runtime", "arn:aws:iam::111111111111:role/AWSGlueServiceRoleX", "arn:aws:iam::222222222222:role/x"),
        Gen.OneOf<string>("glue.amazonaws.com", "ec2.amazonaws.com"),
        Gen.Int[0, 2],
        (role, service, mfa) =>
        {
            var request = AuthorizationRequest.PassRole("arn:aws:iam::111111111111:user/dana", role, service);
            return mfa == 2 ? request : request with { Context = request.Context.With("aws:MultiFactorAuthPresent", mfa == 1 ? "true" : "false").With("aws:username", "etl-runtime") };
        });

    [Fact]
    public void Decide_GeneratedPolicySets_AgreesWithEvaluate()
    {
        Gen.Select(Set, Request).Sample((set, request) =>
        {
            var compiled = PolicyEvaluator.Compile(set);
            var result = compiled.Evaluate(request);
            Assert.Equal(compiled.Decide(request), result.Decision);
            Assert.Equal(result.Decision == Decision.ImplicitDeny, result.LayerLackingAllow is not null);
            Assert.Equal(result.Decision == Decision.ImplicitDeny, result.DecidingStatements.Count == 0);
        }, iter: 3_000);
    }
}
