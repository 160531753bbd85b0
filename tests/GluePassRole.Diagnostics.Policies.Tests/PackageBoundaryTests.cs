namespace GluePassRole.Diagnostics.Policies.Tests;

/// <summary>The Policies package is pure: platform teams reference it from unit tests without pulling anything in.</summary>
public class PackageBoundaryTests
{
    [Fact]
    public void PoliciesAssembly_ReferencesOnlyTheFramework()
    {
        var references = typeof(PolicyDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"GluePassRole.Diagnostics.Policies must reference only the framework, but references {name}"));
    }
}
