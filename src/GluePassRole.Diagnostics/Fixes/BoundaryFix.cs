using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>
/// The change for a permissions boundary that lacks the allow: a managed policy changes by a new version, so the fix is
/// its current default version plus the least-privilege statement, created and set as default
/// (<c>aws iam create-policy-version --set-as-default</c>). AWS managed policies cannot be changed.
/// </summary>
internal static class BoundaryFix
{
    /// <summary>The boundary's new version with <paramref name="statement"/>, or <see langword="null"/> when there is no readable customer managed boundary.</summary>
    public static (PolicyDocument Document, string Command, PolicySource Boundary, string Arn)? NewVersion(SourcedPolicy? boundary, PolicyStatement statement)
    {
        if (boundary is not { Source.Arn: { } arn } || boundary.Source.IsAwsManaged)
        {
            return null;
        }

        var document = FixPlanning.WithStatement(boundary.Document, statement);
        return (document, FixPlanning.PolicyVersionCommand(arn, document), boundary.Source, arn);
    }

    /// <summary>The primary fix when the identity-based policies already allow and only the boundary lacks the allow.</summary>
    public static ProposedFix? Create(SourcedPolicy? boundary, PolicyStatement statement)
    {
        if (NewVersion(boundary, statement) is not { } version)
        {
            return null;
        }

        var name = version.Boundary.Name;
        var rationale =
            $"The identity-based policies already allow it, but the permissions boundary {name} caps them and does not: a boundary only limits, so the allow must be in it as well. "
            + $"A managed policy changes by a new version: this one is {name}'s current default version plus the statement, set as the default. {VersionLimit(version.Arn, version.Document)} "
            + $"The boundary applies to every user and role it is set on, so whoever owns {name} should review the change.";
        return new ProposedFix(new FixTarget(FixTargetType.PermissionsBoundary, name) { Arn = version.Arn }, name, version.Document, version.Command)
        {
            Rationale = rationale,
        };
    }

    /// <summary>The boundary's new version as a change required beside an identity fix that allows <paramref name="what"/>, or <see langword="null"/> when none can be written.</summary>
    public static RequiredChange? Required(SourcedPolicy? boundary, PolicyStatement statement, string what)
    {
        if (NewVersion(boundary, statement) is not { } version)
        {
            return null;
        }

        return new RequiredChange(
            RequiredChangeKind.LayerAllow,
            $"The permissions boundary {version.Boundary.Name} must also allow {what}: "
            + $"add the same statement as its new default version. {VersionLimit(version.Arn, version.Document)} {version.Command}")
        {
            PolicyType = PolicyType.PermissionsBoundary,
            Command = version.Command,
            Document = version.Document,
        };
    }

    /// <summary>Why a boundary that lacks the allow cannot get a new version, for a sentence.</summary>
    public static string WhyNot(SourcedPolicy? boundary) => boundary switch
    {
        { Source.IsAwsManaged: true } => $"the permissions boundary {boundary.Source.Name} is an AWS managed policy, which cannot be changed: set a customer managed boundary that also allows it",
        { Source.Arn: null } => $"the permissions boundary {boundary.Source.Name} has no ARN to create a version of: add the statement to it",
        _ => "the permissions boundary could not be read: add the statement to it",
    };

    /// <summary>The largest managed policy, in characters not counting whitespace (IAM User Guide, IAM and AWS STS quotas).</summary>
    private const int ManagedPolicyMaxCharacters = 6144;

    // IAM keeps at most five versions of a managed policy (IAM User Guide, "Versioning IAM policies" and "IAM and AWS STS
    // quotas"; IAM API Reference, CreatePolicyVersion). A version over the size quota is refused: say so before the user tries.
    private static string VersionLimit(string arn, PolicyDocument document)
    {
        var limit = $"IAM keeps at most five versions of a managed policy: if it has five (aws iam list-policy-versions --policy-arn {arn}), delete an old non-default one first (aws iam delete-policy-version --policy-arn {arn} --version-id VERSION).";
        var size = document.ToJson(indented: false).Count(c => !char.IsWhiteSpace(c));
        return size <= ManagedPolicyMaxCharacters
            ? limit
            : $"{limit} The new version has {size} characters without whitespace, over IAM's {ManagedPolicyMaxCharacters} for a managed policy: merge or remove statements first.";
    }
}
