using GluePassRole.Diagnostics.Requests;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// What the caller of an audit says about the requests beyond the account data. Configure it in the container
/// (<c>services.Configure&lt;PassRoleAuditOptions&gt;(o =&gt; o.Request = new RequestOptions { At = ... })</c>); the
/// auditor reads it once per audit.
/// </summary>
public sealed class PassRoleAuditOptions
{
    /// <summary>
    /// The options of the run's <see cref="RequestBuilder"/>: the moment asked about (<see cref="RequestOptions.At"/>,
    /// now by default), the Region of the calls (otherwise <c>aws:RequestedRegion</c> is a circumstance), and keys pinned
    /// for every request (<see cref="RequestOptions.Pinned"/>, e.g. <c>aws:MultiFactorAuthPresent=true</c> or
    /// <c>aws:SourceIp=10.1.2.3</c>: a pinned circumstance is no longer decided per class).
    /// </summary>
    /// <value>The default value is <see cref="RequestOptions.Default"/>.</value>
    public RequestOptions Request { get; set; } = RequestOptions.Default;

    /// <summary>
    /// Whether the findings are listed per principal × role pair and the renderers list every grant, as 0.1 did
    /// (<see cref="PassRoleAuditReport.PerPair"/>; <c>glue-passrole audit --pairs</c>). By default they are grouped by
    /// cause: on an account where 1,000 developers can pass the same 60 roles, one finding and one grant group instead of
    /// 60,000 of each.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool PerPair { get; set; }
}
