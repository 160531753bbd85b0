using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Benchmarks.Evaluation;

/// <summary>
/// The field note's case: AWSGlueConsoleFullAccess + the force-MFA policy + one custom inline policy; iam:PassRole with
/// iam:PassedToService and the MFA key. Target: the decision-only path at 1,000,000 evaluations per second on one core
/// (at most 1 µs per operation) with zero allocations.
/// </summary>
[MemoryDiagnoser]
public class FieldNoteEvaluationBenchmarks
{
    private CompiledPolicySet _policies = null!;
    private AuthorizationRequest _withMfa = null!;
    private AuthorizationRequest _withoutMfa = null!;
    private AuthorizationRequest _fullWithMfa = null!;
    private AuthorizationRequest _fullWithoutMfa = null!;
    private PolicySet _set = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");
        using var managed = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "managed-policies", "AWSGlueConsoleFullAccess.json")));
        var glueConsole = PolicyDocument.Parse(managed.RootElement.GetProperty("PolicyVersion").GetProperty("Document").GetRawText());
        var forceMfa = PolicyDocument.Parse(File.ReadAllText(Path.Combine(data, "force-mfa_my-sec-creds-self-manage.json")));
        var custom = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"ReadTheLake","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::data-lake","arn:aws:s3:::data-lake/*"]},
              {"Sid":"AllowPassGlueRuntimeRoleToGlue","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime",
               "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
            """);
        _set = new PolicySet
        {
            IdentityPolicies =
            [
                new(glueConsole, new PolicySource(PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess") { AttachedTo = "GlueAccess" }),
                new(forceMfa, new PolicySource(PolicySourceKind.GroupManaged, "Force_MFA") { AttachedTo = "developers" }),
                new(custom, new PolicySource(PolicySourceKind.GroupInline, "developer-access") { AttachedTo = "developers" }),
            ],
        };
        _policies = PolicyEvaluator.Compile(_set);
        var request = AuthorizationRequest.PassRole("arn:aws:iam::123456789012:user/dana", "arn:aws:iam::123456789012:role/etl-runtime");
        _withMfa = request with { Context = request.Context.With("aws:MultiFactorAuthPresent", "true") };
        _withoutMfa = request with { Context = request.Context.With("aws:MultiFactorAuthPresent", "false") };

        // The same request as the RequestBuilder builds it for a user with a unique ID, tags and an organization, passing a
        // tagged role in its own account: 20 keys (the --mfa option pinned), as every question now asks it.
        var dana = new RequestCaller(PrincipalKind.IamUser, "arn:aws:iam::123456789012:user/dana", "123456789012")
        {
            IamArn = "arn:aws:iam::123456789012:user/dana",
            Name = "dana",
            Attributes = new PrincipalAttributes
            {
                UniqueId = "AIDAJQABLZS4A3QDU576Q",
                Tags = [new IamTag("team", "etl"), new IamTag("cost-center", "42")],
                Organization = new OrganizationMembership("o-a1b2c3d4e5", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"),
            },
        };
        var role = new RoleTarget("arn:aws:iam::123456789012:role/etl-runtime") { Tags = [new IamTag("env", "prod")] };
        RequestOptions Mfa(string value) => new()
        {
            At = new DateTimeOffset(2026, 12, 7, 19, 53, 1, TimeSpan.Zero),
            Pinned = RequestContext.Empty.With("aws:MultiFactorAuthPresent", value),
        };
        _fullWithMfa = new RequestBuilder(Mfa("true")).PassRole(dana, role, "glue.amazonaws.com").Request;
        _fullWithoutMfa = new RequestBuilder(Mfa("false")).PassRole(dana, role, "glue.amazonaws.com").Request;
        if (_policies.Decide(_fullWithMfa) != Decision.Allowed || _policies.Decide(_fullWithoutMfa) != Decision.ExplicitDeny)
        {
            throw new InvalidOperationException("The full-context requests must decide as the short ones do.");
        }
    }

    /// <summary>The hot path: decide only (Allowed: the custom allow applies, the MFA deny does not).</summary>
    [Benchmark(Baseline = true)]
    public Decision DecideAllowed() => _policies.Decide(_withMfa);

    /// <summary>The hot path ending at the force-MFA explicit deny.</summary>
    [Benchmark]
    public Decision DecideExplicitDeny() => _policies.Decide(_withoutMfa);

    /// <summary>The hot path with the builder's full context (20 keys): Allowed.</summary>
    [Benchmark]
    public Decision DecideAllowedFullContext() => _policies.Decide(_fullWithMfa);

    /// <summary>The hot path with the builder's full context, ending at the force-MFA explicit deny.</summary>
    [Benchmark]
    public Decision DecideExplicitDenyFullContext() => _policies.Decide(_fullWithoutMfa);

    /// <summary>The explained path: may allocate.</summary>
    [Benchmark]
    public EvaluationResult Explain() => _policies.Evaluate(_withMfa);

    /// <summary>Compiling the set once.</summary>
    [Benchmark]
    public CompiledPolicySet Compile() => PolicyEvaluator.Compile(_set);
}
