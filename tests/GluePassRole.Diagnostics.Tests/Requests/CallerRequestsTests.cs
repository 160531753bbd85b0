using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.Requests;

/// <summary>
/// The audit's shortcut (the caller's part of its requests built once) gives exactly the requests the builder builds:
/// if the builder's role or resource part changes, this fails instead of the audit deciding other requests.
/// </summary>
public sealed class CallerRequestsTests
{
    private static readonly RequestOptions Options = new() { At = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero) };

    private static readonly string[] Keys =
    [
        "aws:ResourceTag/team", "iam:ResourceTag/team", "aws:PrincipalTag/team", "aws:SourceIp", "aws:MultiFactorAuthPresent",
        "iam:AssociatedResourceArn", "aws:RequestedRegion", "aws:ResourceOrgID", "aws:userid", "aws:username",
    ];

    [Theory]
    [InlineData("abac-tags", "user/dana", "glue.amazonaws.com")]
    [InlineData("org-keys", "user/dana", "glue.amazonaws.com")]
    [InlineData("abac-tags", "role/etl-runtime", "glue.amazonaws.com")]
    [InlineData("abac-tags", "user/dana", "ec2.amazonaws.com")]
    public async Task PassRole_EveryRoleOfTheAccount_TheBuildersRequest(string name, string principal, string service)
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(RequestCases.Snapshot(name));
        var caller = RequestCaller.From(await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync($"arn:aws:iam::{RequestCases.AccountId}:{principal}"));
        var builder = new RequestBuilder(Options);
        var requests = builder.ForCaller(caller, "glue.amazonaws.com");
        var roles = (await snapshot.ListRolesAsync()).Value!;

        foreach (var target in roles.Select(RoleTarget.From).Append(new RoleTarget("arn:aws:iam::444455556666:role/elsewhere") { Tags = [new IamTag("team", "data")] }))
        {
            var expected = builder.PassRole(caller, target, service);
            var (request, circumstances) = requests.PassRole(target, service);

            Assert.Equal(Text(expected.Request), Text(request));
            Assert.Equal(Keys.Select(expected.IsCircumstance), Keys.Select(circumstances.IsCircumstance!));
            Assert.Equal(Known(expected.Circumstances), Known(circumstances));
        }
    }

    [Theory]
    [InlineData("glue:CreateJob", "arn:aws:glue:us-east-1:111122223333:job/a")]
    [InlineData("glue:CreateJob", "arn:aws:glue:us-east-1:111122223333:job/b")]
    [InlineData("glue:CreateDevEndpoint", "*")]
    [InlineData("s3:GetObject", "arn:aws:s3:::bucket/key")]
    [InlineData("kms:Decrypt", "arn:aws:kms:us-east-1:444455556666:key/k")]
    public async Task Call_AnyResource_TheBuildersRequest(string action, string resource)
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(RequestCases.Snapshot("abac-tags"));
        var caller = RequestCaller.From(await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync($"arn:aws:iam::{RequestCases.AccountId}:user/dana"));
        var builder = new RequestBuilder(Options);
        var requests = builder.ForCaller(caller, "glue.amazonaws.com");

        // Another resource of the same kind first, so the cached part is reused.
        _ = requests.Call("glue:GetJob", "arn:aws:glue:us-east-1:111122223333:job/other");
        _ = requests.Call("s3:ListBucket", "arn:aws:s3:::other");
        var expected = builder.Call(caller, action, resource);
        var (request, built) = requests.Call(action, resource);

        Assert.Equal(Text(expected.For(action, resource)), Text(request));
        Assert.Equal(Keys.Select(expected.IsCircumstance), Keys.Select(built.IsCircumstance));
    }

    /// <summary>The audit decides Glue's trust on one request per account for trust policies that do not read tags.</summary>
    [Fact]
    public async Task ServiceAssumeRole_EveryRoleOfTheAccount_TheUntaggedRolesRequestButForTheTags()
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(RequestCases.Snapshot("abac-tags"));
        var builder = new RequestBuilder(Options);
        var untagged = builder.ServiceAssumeRole("glue.amazonaws.com", new RoleTarget($"arn:aws:iam::{RequestCases.AccountId}:role/request-template") { Tags = [] });

        foreach (var target in (await snapshot.ListRolesAsync()).Value!.Select(RoleTarget.From))
        {
            var built = builder.ServiceAssumeRole("glue.amazonaws.com", target);
            var context = RequestContext.Create(built.Request.Context.Where(p => !p.Key.Contains("ResourceTag/", StringComparison.OrdinalIgnoreCase)));

            Assert.NotEmpty(target.Tags!);
            Assert.Equal(Text(untagged.Request with { Resource = target.Arn, Context = untagged.Request.Context }), Text(built.Request with { Context = context }));
            Assert.Equal(Keys.Where(k => !k.Contains("ResourceTag/", StringComparison.Ordinal)).Select(untagged.IsCircumstance), Keys.Where(k => !k.Contains("ResourceTag/", StringComparison.Ordinal)).Select(built.IsCircumstance));
        }
    }

    private static string Known(CircumstanceOptions options) =>
        string.Join(";", (options.KnownValues ?? new Dictionary<string, IReadOnlyList<string>>()).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key}={string.Join("|", p.Value)}"));

    private static string Text(AuthorizationRequest request) =>
        $"{request.Principal} {request.Action} {request.Resource} {request.ResourceAccount} "
        + string.Join(";", request.Context.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key}={string.Join("|", p.Value)}"));
}
