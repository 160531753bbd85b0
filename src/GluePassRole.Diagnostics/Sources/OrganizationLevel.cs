namespace GluePassRole.Diagnostics.Sources;

/// <summary>One level of an account's path in its organization, with the SCPs attached there.</summary>
/// <param name="Kind">Root, organizational unit or the account.</param>
/// <param name="TargetId">The root ID (<c>r-...</c>), OU ID (<c>ou-...</c>) or account ID.</param>
/// <param name="Policies">The SCPs attached directly to this target.</param>
public sealed record OrganizationLevel(OrganizationTargetKind Kind, string TargetId, IReadOnlyList<ServiceControlPolicy> Policies);
