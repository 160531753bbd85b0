using GluePassRole.Diagnostics.Policies.Actions;

namespace GluePassRole.Diagnostics.Policies.Tests.Actions;

public class ActionInfoTests
{
    [Fact]
    public void FullName_WithChangedServiceOrName_FollowsTheChange()
    {
        var info = new ActionInfo("glue", "CreateJob", ActionAccessLevel.Write);

        Assert.Equal("glue:CreateJob", info.FullName);
        Assert.Equal("glue:GetJob", (info with { Name = "GetJob" }).FullName);
        Assert.Equal("iam:CreateJob", (info with { Service = "iam" }).FullName);
        Assert.Equal(info, new ActionInfo("glue", "CreateJob", ActionAccessLevel.Write) { ResourceTypes = info.ResourceTypes, ConditionKeys = info.ConditionKeys });
    }

    [Fact]
    public void AuthorizedOnWildcardOnly_DependsOnResourceTypes()
    {
        var noTypes = new ActionInfo("glue", "CreateDevEndpoint", ActionAccessLevel.Write);
        var withType = noTypes with { ResourceTypes = [new ActionResourceType("devendpoint", true, ["arn:${Partition}:glue:${Region}:${Account}:devEndpoint/${DevEndpointName}"])] };

        Assert.True(noTypes.AuthorizedOnWildcardOnly);
        Assert.False(withType.AuthorizedOnWildcardOnly);
    }

    // A templated key's placeholder stands for one or more characters, wherever it is in the key.
    [Theory]
    [InlineData("codebuild:secondarySources/${sourceIdentifier}.location", "codebuild:secondarySources/src1.location", true)]
    [InlineData("codebuild:secondarySources/${sourceIdentifier}.location", "CODEBUILD:SecondarySources/x.y.LOCATION", true)]
    [InlineData("codebuild:secondarySources/${sourceIdentifier}.location", "codebuild:secondarySources/.location", false)]
    [InlineData("codebuild:secondarySources/${sourceIdentifier}.location", "codebuild:secondarySources/src1.type", false)]
    [InlineData("ex:Key*With?Wildcards", "ex:Key*With?Wildcards", true)]
    [InlineData("ex:Key*With?Wildcards", "ex:KeyXWithYWildcards", false)]
    public void SupportsConditionKey_ActionKeyTemplates_MatchInstances(string template, string key, bool expected)
    {
        var info = new ActionInfo("ex", "Do", ActionAccessLevel.Write) { ConditionKeys = [template] };

        Assert.Equal(expected, info.SupportsConditionKey(key));
    }

    [Fact]
    public void SupportsConditionKey_KeyOfAResourceType_IsSupported()
    {
        var info = new ActionInfo("ex", "Do", ActionAccessLevel.Write)
        {
            ResourceTypes = [new ActionResourceType("thing", false, ["arn:${Partition}:ex:::thing/${Name}"]) { ConditionKeys = ["ex:ThingTag/${TagKey}"] }],
        };

        Assert.True(info.SupportsConditionKey("ex:ThingTag/env"));
        Assert.False(info.SupportsConditionKey("ex:OtherKey"));
        Assert.True(info.SupportsConditionKey("aws:SourceVpce")); // global keys apply to every action
    }

    [Fact]
    public void Constructor_EmptyServiceOrName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ActionInfo("", "Do", ActionAccessLevel.Read));
        Assert.Throws<ArgumentNullException>(() => new ActionInfo("ex", null!, ActionAccessLevel.Read));
    }
}
