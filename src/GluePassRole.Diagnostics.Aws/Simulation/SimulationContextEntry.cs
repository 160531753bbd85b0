namespace GluePassRole.Diagnostics.Aws.Simulation;

/// <summary>A context key and its values for the simulator.</summary>
/// <param name="Key">The key, e.g. <c>iam:PassedToService</c>.</param>
/// <param name="Type">The key's type.</param>
/// <param name="Values">Its values.</param>
internal sealed record SimulationContextEntry(string Key, SimulationContextKeyType Type, IReadOnlyList<string> Values)
{
    /// <summary>A single-valued string key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The entry.</returns>
    public static SimulationContextEntry OfString(string key, string value) => new(key, SimulationContextKeyType.String, [value]);

    /// <summary>A boolean key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The entry.</returns>
    public static SimulationContextEntry OfBoolean(string key, bool value) => new(key, SimulationContextKeyType.Boolean, [value ? "true" : "false"]);
}
