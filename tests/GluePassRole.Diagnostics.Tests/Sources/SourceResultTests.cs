using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Tests.Sources;

public sealed class SourceResultTests
{
    [Fact]
    public void Map_Found_TransformsValue()
    {
        var result = SourceResult.Found("role").Map(s => s.Length);

        Assert.True(result.TryGetValue(out var length));
        Assert.Equal(4, length);
    }

    [Fact]
    public void Map_Unreadable_KeepsErrorAndStatus()
    {
        var result = SourceResult.Unreadable<string>("AccessDenied", "iam:GetRole", "denied").Map(s => s.Length);

        Assert.Equal(SourceResultStatus.Unreadable, result.Status);
        Assert.Equal(("AccessDenied", "iam:GetRole"), (result.Error!.ErrorCode, result.Error.MissingPermission));
        Assert.False(result.TryGetValue(out _));
    }

    [Fact]
    public void ToString_Unreadable_NamesCodeAndPermission()
    {
        var text = SourceResult.Unreadable<string>(new SourceError("x") { ErrorCode = "AccessDenied", MissingPermission = "iam:GetRole", Location = "f.json", JsonPath = "$.a" }).ToString();

        Assert.Equal("Unreadable: x (f.json at $.a) [AccessDenied] needs iam:GetRole", text);
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => SourceResult.Found<string>(null!));
        Assert.Throws<ArgumentException>(() => SourceResult.NotFound<string>(""));
        Assert.Throws<ArgumentNullException>(() => SourceResult.Unreadable<string>((SourceError)null!));
    }
}
