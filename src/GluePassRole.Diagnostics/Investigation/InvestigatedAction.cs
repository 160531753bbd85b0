namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// The action an AccessDenied error denies, when it is not <c>iam:PassRole</c>: a Glue API action of saving or running a
/// job (<c>glue:UpdateJob</c>, <c>glue:StartJobRun</c>), or what the job's role session does at run time
/// (<c>s3:GetObject</c>, <c>kms:Decrypt</c>, <c>logs:PutLogEvents</c>). The investigation then evaluates that action on
/// that resource for the error's principal, instead of passing a role.
/// </summary>
/// <param name="Action">The action as the error names it, e.g. <c>s3:GetObject</c>.</param>
/// <param name="Resource">The resource as the error names it; <see langword="null"/> when the error names none (<c>on this resource</c>, or no resource clause).</param>
public sealed record InvestigatedAction(string Action, string? Resource)
{
    /// <summary>"s3:GetObject on arn:aws:s3:::scripts/etl.py", for a sentence.</summary>
    /// <returns>The action and its resource.</returns>
    public override string ToString() => Resource is null ? Action : $"{Action} on {Resource}";
}
