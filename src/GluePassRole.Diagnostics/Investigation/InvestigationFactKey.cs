namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// The name and type of a fact the investigation carries from step to step. Keys compare by name; a step declares the
/// keys it reads and writes (<see cref="IInvestigationStep.Reads"/>, <see cref="IInvestigationStep.Writes"/>).
/// </summary>
public abstract class InvestigationFactKey
{
    private protected InvestigationFactKey(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The fact's stable name, e.g. <c>role</c>; custom steps prefix theirs (<c>myteam.owner</c>).</summary>
    public string Name { get; }

    /// <summary>The type of the fact's value.</summary>
    public abstract Type ValueType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A typed fact key, in the shape of Polly's <c>ResiliencePropertyKey&lt;T&gt;</c>.</summary>
/// <typeparam name="TValue">The type of the fact's value.</typeparam>
/// <param name="name">The fact's stable name.</param>
public sealed class InvestigationFactKey<TValue>(string name) : InvestigationFactKey(name)
    where TValue : class
{
    /// <inheritdoc />
    public override Type ValueType => typeof(TValue);
}
