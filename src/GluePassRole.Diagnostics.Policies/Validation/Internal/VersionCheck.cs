using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// A document that uses policy variables without <c>"Version": "2012-10-17"</c> (the variables are then literal text),
/// and a document with no Version at all.
/// </summary>
/// <remarks>
/// IAM User Guide, reference_policies_variables (variables work only under Version 2012-10-17; under the older
/// version the text is taken literally) and reference_policies_elements_version (without Version, 2008-10-17 applies). SCPs and RCPs are left to the grammar, which requires 2012-10-17 outright.
/// </remarks>
internal static class VersionCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        var document = context.Document;
        if (context.Type is PolicyType.ServiceControlPolicy or PolicyType.ResourceControlPolicy || document.SupportsPolicyVariables)
        {
            yield break;
        }

        if (FirstVariable(context) is { } variable)
        {
            yield return context.Finding(
                PolicyRules.VariablesNeedVersion2012,
                document.Version is null
                    ? $"The document uses the policy variable in \"{variable.Value}\" but has no Version, so it is read as literal text."
                    : $"The document uses the policy variable in \"{variable.Value}\" under Version \"{document.Version}\", where it is literal text.",
                document.Version is null ? variable.Path : "$.Version",
                document.Version is null ? variable.StatementIndex : null,
                "Version");
        }
        else if (document.Version is null)
        {
            yield return context.Finding(
                PolicyRules.MissingVersion,
                $"The document has no Version; add \"Version\": \"{PolicyDocument.Version2012}\".",
                "$",
                null,
                "Version");
        }
    }

    /// <summary>The first value where IAM would substitute a variable: Resource, NotResource or a condition value.</summary>
    private static (string Value, string Path, int StatementIndex)? FirstVariable(ValidationContext context)
    {
        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            var path = context.StatementPath(i);
            foreach (var (name, values) in new[] { ("Resource", statement.Resource), ("NotResource", statement.NotResource) })
            {
                for (var v = 0; values is not null && v < values.Count; v++)
                {
                    if (PolicyVariables.ContainsVariable(values[v]))
                    {
                        return (values[v], context.ItemPath(JsonPath.Child(path, name), v, values.Count), i);
                    }
                }
            }

            foreach (var condition in statement.Conditions)
            {
                for (var v = 0; v < condition.Values.Count; v++)
                {
                    if (PolicyVariables.ContainsVariable(condition.Values[v]))
                    {
                        return (condition.Values[v], context.ItemPath(context.ConditionPath(i, condition), v, condition.Values.Count), i);
                    }
                }
            }
        }

        return null;
    }
}
