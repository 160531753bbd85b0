using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>The policy type's grammar (<see cref="PolicyGrammar"/>), every violation rather than the first.</summary>
internal static class GrammarCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context) =>
        PolicyGrammar.Check(context.Document, context.Type, context.StatementIsArray)
            .Select(v => context.Finding(v.Rule, v.Problem, v.JsonPath, v.StatementIndex, v.Element));
}
