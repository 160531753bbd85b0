using GluePassRole.Diagnostics.Policies.Conditions;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

/// <summary>Builds compiled conditions and request contexts tersely for the condition tests.</summary>
internal static class Cond
{

    public static CompiledCondition Compile(string op, string key, params string[] values) =>
        CompiledCondition.Compile(new PolicyCondition(ConditionOperator.Parse(op), key, values), policyVariablesEnabled: true);

    public static RequestContext Request(string key, params string[] values) => RequestContext.Empty.With(key, values);

    public static bool Eval(string op, string key, string[] values, RequestContext context) => Compile(op, key, values).IsSatisfied(context);
}
