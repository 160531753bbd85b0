using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Sources;

// Glue stores a job's role as a name or an ARN (Glue API, CreateJob "Role"); role names are unique per account and the
// ARN carries the path that iam:PassRole resource patterns match (IAM User Guide, "IAM identifiers").
public sealed class RoleReferenceResolverTests
{
    [Fact]
    public async Task ResolveAsync_BareName_ReturnsRoleArnWithPath()
    {
        var resolver = new RoleReferenceResolver(TestSnapshots.FieldNote());

        var role = await resolver.ResolveAsync("glue-legacy-crawler");

        Assert.Equal("arn:aws:iam::111122223333:role/service-role/glue-legacy-crawler", role.Value!.Arn);
    }

    [Fact]
    public async Task ResolveAsync_MatchingArn_ReturnsRole()
    {
        var resolver = new RoleReferenceResolver(TestSnapshots.FieldNoteSdk());

        var role = await resolver.ResolveAsync("arn:aws:iam::111122223333:role/service-role/glue-legacy-crawler");

        Assert.Equal("glue-legacy-crawler", role.Value!.Name);
    }

    [Fact]
    public async Task ResolveAsync_ArnWithWrongPath_IsNotFoundAndNamesTheRealArn()
    {
        var resolver = new RoleReferenceResolver(TestSnapshots.FieldNote());

        var role = await resolver.ResolveAsync("arn:aws:iam::111122223333:role/glue-legacy-crawler");

        Assert.Equal(SourceResultStatus.NotFound, role.Status);
        Assert.Contains("role/service-role/glue-legacy-crawler", role.NotFoundSubject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_NameWithPathPrefix_UsesTheLastSegment()
    {
        var resolver = new RoleReferenceResolver(TestSnapshots.FieldNote());

        var role = await resolver.ResolveAsync("service-role/glue-legacy-crawler");

        Assert.True(role.IsFound);
    }

    [Fact]
    public async Task ResolveAsync_UnknownName_IsNotFound()
    {
        var role = await new RoleReferenceResolver(TestSnapshots.FieldNote()).ResolveAsync("Glue_DefaultRole");

        Assert.Equal(SourceResultStatus.NotFound, role.Status);
    }
}
