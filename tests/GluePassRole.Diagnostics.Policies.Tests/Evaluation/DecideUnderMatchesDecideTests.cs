using CsCheck;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// The decision per class of circumstances must be the decision of every concrete request in that class: for generated
/// policy sets whose conditions use circumstance keys (String, StringLike, Arn, Bool, IP address, Numeric, Date and Null
/// operators, with their IfExists forms), <c>DecideUnder(request, Circumstances(request)).DecisionAt(concrete)</c> equals
/// <c>Decide</c> of the request with the concrete values (or without the key, for absence) in its context.
/// Operator semantics: IAM User Guide, "IAM JSON policy elements: Condition operators",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// On failure CsCheck prints the seed ("Set seed: ..."); set the environment variable <c>CsCheck_Seed</c> to replay it.
/// </summary>
public class DecideUnderMatchesDecideTests
{
    private const int PolicySets = 8_000; // 96,000 concrete requests: about 10 s of CPU
    private const int ConcretesPerSet = 12;
    private const string User = "arn:aws:iam::111111111111:user/dana";
    private const string Role = "arn:aws:iam::111111111111:role/etl-runtime";


    /// <summary>One circumstance key: the operators used with it, the values policies compare it with, and the values requests carry.</summary>
    private sealed record KeyDomain(string Key, string[] Operators, string[] PolicyValues, string[] RequestValues);

    private static readonly KeyDomain[] Domains =
    [
        new("aws:SourceIp",
            ["IpAddress", "NotIpAddress", "IpAddressIfExists", "NotIpAddressIfExists", "Null"],
            ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32", "10.1.2.3", "192.0.2.0/24", "0.0.0.0/0", "2001:db8::/32", "2001:db8:1::/48", "::/0", "ffff::/16"],
            ["10.1.2.3", "10.0.0.1", "10.1.0.0", "10.255.255.255", "9.255.255.255", "10.1.2.4", "192.0.2.1", "192.0.3.0", "203.0.113.9",
             "2001:db8::1", "2001:db8:1::5", "2001:db9::", "::ffff:10.1.2.3", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0", "255.255.255.255"]),
        new("aws:MultiFactorAuthPresent",
            ["Bool", "BoolIfExists", "Null"],
            ["true", "false"],
            ["true", "false", "True"]),
        new("aws:ViaAWSService",
            ["Bool", "BoolIfExists", "Null"],
            ["true", "false"],
            ["true", "false"]),
        new("aws:MultiFactorAuthAge",
            ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
             "NumericLessThanIfExists", "NumericGreaterThanEqualsIfExists", "NumericNotEqualsIfExists", "Null"],
            ["0", "3600", "86400", "3600.5", "-1"],
            ["0", "1", "3599", "3600", "3600.25", "3600.5", "3601", "86400", "100000", "-5"]),
        new("aws:TokenIssueTime",
            ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
             "DateLessThanIfExists", "DateGreaterThanIfExists", "DateNotEqualsIfExists", "Null"],
            ["2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z", "1767225600", "2026-06-01", "2026-06-01T12:00:00.5Z"],
            ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z", "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z",
             "2026-06-01T12:00:00Z", "2026-06-01T12:00:00.25Z", "2026-06-01T12:00:01Z", "2027-01-01T00:00:00Z", "1767225600", "1767225599"]),
        new("aws:SourceVpc",
            ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringEqualsIfExists",
             "StringNotEqualsIfExists", "Null"],
            ["vpc-111", "vpc-222", "VPC-111"],
            ["vpc-111", "vpc-222", "VPC-111", "Vpc-222", "vpc-333", ""]),
        new("aws:UserAgent",
            ["StringLike", "StringNotLike", "StringLikeIfExists", "StringNotLikeIfExists", "Null"],
            ["aws-cli/*", "*boto*", "aws-*", "Boto3/1.?"],
            ["aws-cli/2.15", "Boto3/1.3", "aws-sdk-java", "my-boto-client", "curl/8", "aws-cli/boto", "Boto3/1.35"]),
        new("aws:SourceVpcArn",
            ["ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals", "ArnLikeIfExists", "ArnNotLikeIfExists", "Null"],
            ["arn:aws:ec2:*:111111111111:vpc/*", "arn:aws:ec2:us-east-1:*:vpc/vpc-1*", "arn:aws:ec2:*:*:*", "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-111",
             "arn:aws:ec2:*"],
            ["arn:aws:ec2:us-east-1:111111111111:vpc/vpc-111", "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-222", "arn:aws:ec2:us-east-1:222222222222:vpc/vpc-123",
             "arn:aws:ec2:us-east-1:222222222222:vpc/vpc-9", "arn:aws:s3:::bucket", "arn:aws:ec2:us-east-1:111111111111:subnet/x:y", "not-an-arn"]),
    ];

    private static readonly Gen<string> Condition = Gen.Int[0, Domains.Length - 1].SelectMany(d =>
    {
        var domain = Domains[d];
        return Gen.Select(Gen.Int[0, domain.Operators.Length - 1], Gen.Int[0, domain.PolicyValues.Length - 1].Array[1, 2], Gen.Bool,
            (op, values, nullValue) =>
            {
                var name = domain.Operators[op];
                var shown = name == "Null"
                    ? $"\"{(nullValue ? "true" : "false")}\""
                    : "[" + string.Join(",", values.Distinct().Select(v => $"\"{domain.PolicyValues[v]}\"")) + "]";
                return $$$"""{"{{{name}}}":{"{{{domain.Key}}}":{{{shown}}}}}""";
            });
    });

    /// <summary>A statement with zero to two conditions; conditions of one operator are merged into one block.</summary>
    private static readonly Gen<string> Statement = Gen.Select(Gen.Bool, Gen.OneOf<string>("iam:PassRole", "iam:*", "*", "s3:GetObject"), Condition.Array[0, 2],
        (deny, action, conditions) =>
        {
            var blocks = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var condition in conditions)
            {
                using var parsed = System.Text.Json.JsonDocument.Parse(condition);
                var op = parsed.RootElement.EnumerateObject().Single();
                var entry = op.Value.EnumerateObject().Single();
                (blocks.TryGetValue(op.Name, out var keys) ? keys : blocks[op.Name] = new(StringComparer.Ordinal))[entry.Name] = entry.Value.GetRawText();
            }

            var conditionElement = blocks.Count == 0
                ? string.Empty
                : ",\"Condition\":{" + string.Join(",", blocks.Select(b => $"\"{b.Key}\":{{" + string.Join(",", b.Value.Select(k => $"\"{k.Key}\":{k.Value}")) + "}")) + "}";
            return $$"""{"Effect":"{{(deny ? "Deny" : "Allow")}}","Action":"{{action}}","Resource":"*"{{conditionElement}}}""";
        });

    private static readonly Gen<string> Policy = Statement.Array[1, 3].Select(statements =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""");

    /// <summary>Identity policies, sometimes a boundary and an SCP level; the text shows them on failure.</summary>
    private sealed record GeneratedSet(PolicySet Set, string Text)
    {
        public override string ToString() => Text;
    }

    private static readonly Gen<GeneratedSet> Set = Gen.Select(Policy.Array[1, 3], Policy, Policy, Gen.Int[0, 3], (identity, boundary, scp, extras) =>
    {
        static SourcedPolicy Sourced(string json, string name) => new(PolicyDocument.Parse(json), PolicySource.Supplied(name));
        var set = new PolicySet
        {
            IdentityPolicies = [.. identity.Select((json, i) => Sourced(json, $"identity-{i}"))],
            PermissionsBoundary = (extras & 1) != 0 ? Sourced(boundary, "boundary") : null,
            ServiceControlPolicies = (extras & 2) != 0 ? [[Sourced(scp, "scp")]] : null,
        };
        var text = "identity: " + string.Join("\n  ", identity)
            + ((extras & 1) != 0 ? $"\nboundary: {boundary}" : string.Empty)
            + ((extras & 2) != 0 ? $"\nscp: {scp}" : string.Empty);
        return new GeneratedSet(set, text);
    });

    /// <summary>A value per key: index 0 is absence, the others the domain's request values.</summary>
    private static readonly Gen<int[]> Concrete = Gen.Int[0, 1 << 20].Array[Domains.Length]
        .Select(values => values.Select((v, i) => v % (Domains[i].RequestValues.Length + 1)).ToArray());

    /// <summary>The known request: iam:PassRole to Glue, sometimes with one circumstance key already pinned (so not a circumstance).</summary>
    private static readonly Gen<AuthorizationRequest> Request = Gen.Select(Gen.Int[-1, Domains.Length - 1], Gen.Int[0, 1000], (pinned, value) =>
    {
        var request = AuthorizationRequest.PassRole(User, Role);
        if (pinned < 0)
        {
            return request;
        }

        var domain = Domains[pinned];
        return request with { Context = request.Context.With(domain.Key, domain.RequestValues[value % domain.RequestValues.Length]) };
    });

    private static RequestContext Merge(RequestContext known, int[] concrete)
    {
        var context = known;
        for (var i = 0; i < Domains.Length; i++)
        {
            var key = Domains[i].Key;
            if (known.ContainsKey(key))
            {
                continue; // a pinned key is known: the concrete request carries its value
            }

            context = concrete[i] == 0 ? context.Without(key) : context.With(key, Domains[i].RequestValues[concrete[i] - 1]);
        }

        return context;
    }

    [Fact]
    public void DecisionAt_GeneratedPoliciesAndCircumstances_AgreesWithDecideOfTheConcreteRequest()
    {
        var complete = 0;
        Gen.Select(Set, Request, Concrete.Array[ConcretesPerSet]).Sample((generated, request, concretes) =>
        {
            var compiled = PolicyEvaluator.Compile(generated.Set);
            var space = compiled.Circumstances(request);
            var decision = compiled.DecideUnder(request, space);
            Assert.Equal(Math.Min(space.Combinations, space.Bound), decision.Outcomes.Count);
            if (space.IsComplete)
            {
                Interlocked.Increment(ref complete);
            }

            Assert.All(space.Keys, key => Assert.False(request.Context.ContainsKey(key), $"{key} is pinned, so it is no circumstance"));
            Assert.All(space.Classes, classes => Assert.True(classes[^1].IsAbsent && classes.Count(c => c.IsAbsent) == 1, "one absent class, last"));
            foreach (var concrete in concretes)
            {
                var context = Merge(request.Context, concrete);
                var expected = compiled.Decide(request with { Context = context });
                var actual = decision.DecisionAt(context);

                // Past the bound a combination is not decided: unknown, never guessed. (The message is built only on failure:
                // Describe is quadratic in the outcomes.)
                if (expected != actual && (space.IsComplete || actual != Decision.Unknown))
                {
                    Assert.Fail($"DecisionAt {actual} but Decide {expected} for {context} ({decision.Describe()}; classes: "
                        + string.Join(" | ", space.Classes.SelectMany(c => c).Select(c => c.Description)) + $")\n{generated}");
                }
            }

            // Uniform means uniform: no concrete request decides otherwise.
            if (decision.Uniform is { } uniform)
            {
                Assert.All(concretes, concrete => Assert.Equal(uniform, compiled.Decide(request with { Context = Merge(request.Context, concrete) })));
            }
        }, iter: PolicySets);

        // Most sets stay within the default bound, so the equality above is mostly the strict one.
        Assert.True(complete > PolicySets * 3 / 4, $"only {complete} of {PolicySets} sets within the bound");
    }
}
