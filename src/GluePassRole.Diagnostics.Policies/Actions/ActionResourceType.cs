namespace GluePassRole.Diagnostics.Policies.Actions;

/// <summary>
/// A resource type an action can be authorized on, from the "Resource types" column of the Service Authorization
/// Reference's actions table (for example <c>job</c> for <c>glue:CreateJob</c>, <c>role</c> for <c>iam:PassRole</c>).
/// </summary>
/// <param name="Name">The resource type's name as the service defines it, e.g. <c>job</c>.</param>
/// <param name="Required">
/// Whether the resource type is required (marked <c>*</c> in the reference): when a statement limits the action with a
/// <c>Resource</c> element, it must name an ARN (or pattern) of every required type.
/// </param>
/// <param name="ArnFormats">
/// The resource type's ARN formats with their placeholders, e.g.
/// <c>arn:${Partition}:glue:${Region}:${Account}:job/${JobName}</c>; most types have one.
/// </param>
public sealed record ActionResourceType(string Name, bool Required, IReadOnlyList<string> ArnFormats)
{
    /// <summary>
    /// The condition keys that apply when the action is authorized on this resource type: the keys the reference lists
    /// for the type in its resource types table, together with any it lists on the action's row for this type.
    /// Templated keys keep their placeholder, e.g. <c>aws:ResourceTag/${TagKey}</c>.
    /// </summary>
    public IReadOnlyList<string> ConditionKeys { get; init; } = [];
}
