using GluePassRole.Diagnostics.Iac.Internal.Documents;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>The values a template is read with: from <c>--parameter</c>, parameters files and a CDK manifest.</summary>
/// <param name="Values">
/// Every value by key: a template parameter's name, or a dynamic reference as the template writes it
/// (<c>{{resolve:ssm:/org/glue/role-arn}}</c>, also accepted without the braces).
/// </param>
/// <param name="Resolved">
/// The keys whose values are what the parameter resolves to (<c>--parameter</c>): for an SSM parameter type
/// (<c>AWS::SSM::Parameter::Value&lt;...&gt;</c>) that is the value; from a parameters file or a default it is the SSM
/// parameter's name, whose value is known only at deploy.
/// </param>
internal sealed record TemplateParameters(IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Resolved)
{
    /// <summary>
    /// Parameters whose value is given but known only at deploy (a nested stack's parameter the parent passes as a
    /// <c>Ref</c> or <c>Fn::GetAtt</c> of a deploy-time value): each is unknown for that reason, keeping what is known of it.
    /// </summary>
    public IReadOnlyDictionary<string, DocUnknown> Deferred { get; init; } = new Dictionary<string, DocUnknown>(StringComparer.Ordinal);

    /// <summary>The value given for a dynamic reference, e.g. <c>{{resolve:ssm:/org/glue/role-arn}}</c>.</summary>
    public string? DynamicReference(string reference) =>
        Values.TryGetValue(reference, out var value) ? value
        : reference.Length > 4 && Values.TryGetValue(reference[2..^2], out var bare) ? bare
        : null;

    /// <summary>The same resolved keys with more values, those of <paramref name="more"/> only where none is given.</summary>
    public TemplateParameters With(IEnumerable<KeyValuePair<string, string>> more)
    {
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (key, value) in more)
        {
            values.TryAdd(key, value);
        }

        return this with { Values = values };
    }
}
