namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// Reads the inline policies of a user, group or role one by one, so that one which cannot be read (a broken or
/// oversized document, a denied <c>iam:Get*Policy</c>) is unread on its own and the others are still evaluated.
/// </summary>
/// <remarks>
/// Optional: an <see cref="IIamReader"/> that also implements it is asked through it when a principal's policies are
/// resolved; one that does not is asked <see cref="IIamReader.GetInlinePoliciesAsync"/>, whose answer is all or
/// nothing. The snapshot (<see cref="Snapshot.AccountSnapshot"/>) and the live reader of the Aws package implement it.
/// </remarks>
public interface IIamInlinePolicyReader
{
    /// <summary>Gets the inline policies of a user, group or role, each read or unread on its own.</summary>
    /// <param name="kind">The kind of identity.</param>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The policies that were read and those that were not, each with why; or why the list itself could not be read
    /// (then which policies the identity has is unknown).
    /// </returns>
    ValueTask<SourceResult<InlinePolicyReads>> GetInlinePolicyReadsAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default);
}
