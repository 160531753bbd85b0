namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>The checks <see cref="PolicyValidator"/> runs, by code. Codes are stable: they are only ever added.</summary>
public static class PolicyRules
{
    private const string IamGuide = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
    private const string OrganizationsGuide = "https://docs.aws.amazon.com/organizations/latest/userguide/";
    private const string ServiceAuthorization = "https://docs.aws.amazon.com/service-authorization/latest/reference/";

    /// <summary>The text is not JSON, or not an IAM policy document at all.</summary>
    public static PolicyRule InvalidDocument { get; } = new(
        "InvalidDocument", PolicyFindingKind.Error, "Not a valid policy document",
        "AWS rejects the document; nothing else can be checked until it parses.",
        new Uri(IamGuide + "reference_policies_grammar.html"));

    /// <summary>A resource-based, trust or resource control policy statement without <c>Principal</c>.</summary>
    public static PolicyRule MissingPrincipal { get; } = new(
        "MissingPrincipal", PolicyFindingKind.Error, "Statement without Principal",
        "A resource-based policy statement must say whom it applies to. AWS rejects the policy; reading the statement as applying to everyone would grant or deny far more than intended.",
        new Uri(IamGuide + "reference_policies_elements_principal.html"));

    /// <summary><c>Principal</c> or <c>NotPrincipal</c> in an identity-based policy, boundary, session policy or SCP.</summary>
    public static PolicyRule UnsupportedPrincipal { get; } = new(
        "UnsupportedPrincipal", PolicyFindingKind.Error, "Principal where the policy type has none",
        "Identity-based policies, permissions boundaries, session policies and SCPs apply to the identity they are attached to; AWS rejects a Principal or NotPrincipal element in them.",
        new Uri(IamGuide + "reference_policies_elements_principal.html"));

    /// <summary><c>NotPrincipal</c> in a role trust policy or RCP, where AWS does not support it.</summary>
    public static PolicyRule UnsupportedNotPrincipal { get; } = new(
        "UnsupportedNotPrincipal", PolicyFindingKind.Error, "NotPrincipal where the policy type does not support it",
        "Role trust policies and resource control policies cannot use NotPrincipal; name the principals in Principal and narrow them with conditions such as aws:PrincipalArn.",
        new Uri(IamGuide + "reference_policies_elements_notprincipal.html"));

    /// <summary><c>NotPrincipal</c> with <c>Effect: Allow</c>.</summary>
    public static PolicyRule NotPrincipalWithAllow { get; } = new(
        "NotPrincipalWithAllow", PolicyFindingKind.Error, "NotPrincipal in an Allow statement",
        "NotPrincipal is only supported with Deny; an Allow for everyone except a list would grant access to every other principal, including anonymous ones.",
        new Uri(IamGuide + "reference_policies_elements_notprincipal.html"));

    /// <summary>A statement with neither <c>Resource</c> nor <c>NotResource</c> where the policy type needs one.</summary>
    public static PolicyRule MissingResource { get; } = new(
        "MissingResource", PolicyFindingKind.Error, "Statement without Resource or NotResource",
        "Permissions statements must name the resources they cover; AWS rejects the policy otherwise.",
        new Uri(IamGuide + "reference_policies_elements_resource.html"));

    /// <summary>An element the policy type's syntax does not list, e.g. <c>NotAction</c> in an RCP.</summary>
    public static PolicyRule UnsupportedElement { get; } = new(
        "UnsupportedElement", PolicyFindingKind.Error, "Element the policy type does not support",
        "Resource control policies support only Version, Statement, Sid, Effect, Principal, Action, Resource, NotResource and Condition; AWS rejects the rest.",
        new Uri(OrganizationsGuide + "orgs_manage_policies_rcps_syntax.html"));

    /// <summary>An RCP statement whose <c>Principal</c> is not <c>"*"</c>.</summary>
    public static PolicyRule RcpPrincipalNotAnyone { get; } = new(
        "RcpPrincipalNotAnyone", PolicyFindingKind.Error, "RCP Principal other than \"*\"",
        "An RCP statement applies to every principal (\"Principal\": \"*\"); narrow it with conditions such as aws:PrincipalOrgID or aws:PrincipalArn instead.",
        new Uri(OrganizationsGuide + "orgs_manage_policies_rcps_syntax.html"));

    /// <summary>An RCP Allow statement other than the one of <c>RCPFullAWSAccess</c>.</summary>
    public static PolicyRule RcpAllowNotSupported { get; } = new(
        "RcpAllowNotSupported", PolicyFindingKind.Error, "Allow in a resource control policy",
        "RCPs only restrict: Allow is supported only in the AWS-managed RCPFullAWSAccess, which is always attached. Write the restriction as a Deny.",
        new Uri(OrganizationsGuide + "orgs_manage_policies_rcps_syntax.html"));

    /// <summary>An SCP or RCP without <c>"Version": "2012-10-17"</c>.</summary>
    public static PolicyRule VersionRequired { get; } = new(
        "VersionRequired", PolicyFindingKind.Error, "SCP or RCP without Version 2012-10-17",
        "Every SCP and RCP must carry \"Version\": \"2012-10-17\".",
        new Uri(OrganizationsGuide + "orgs_manage_policies_scps_syntax.html"));

    /// <summary>An Allow that grants <c>iam:PassRole</c> on every role.</summary>
    public static PolicyRule PassRoleOnAnyRole { get; } = new(
        "PassRoleOnAnyRole", PolicyFindingKind.SecurityWarning, "iam:PassRole on every role",
        "Whoever holds this policy can hand any role in the account, administrator roles included, to a service they control, and act with that role's permissions. Name the exact role ARNs.",
        new Uri(IamGuide + "id_roles_use_passrole.html"));

    /// <summary>An Allow of <c>iam:PassRole</c> without a limiting <c>iam:PassedToService</c> condition.</summary>
    public static PolicyRule PassRoleWithoutPassedToService { get; } = new(
        "PassRoleWithoutPassedToService", PolicyFindingKind.SecurityWarning, "iam:PassRole without iam:PassedToService",
        "Without iam:PassedToService the role can be passed to any service, not only the one it was made for (for Glue: StringEquals iam:PassedToService glue.amazonaws.com).",
        new Uri(IamGuide + "id_roles_use_passrole.html"));

    /// <summary>An Allow with <c>NotAction</c> that does not exclude <c>iam:PassRole</c>.</summary>
    public static PolicyRule PassRoleViaNotAction { get; } = new(
        "PassRoleViaNotAction", PolicyFindingKind.SecurityWarning, "NotAction allow that includes iam:PassRole",
        "An Allow with NotAction grants every action it does not list, so iam:PassRole is granted without being named; reviewers rarely notice. List the actions in Action instead, or add iam:PassRole to NotAction.",
        new Uri(IamGuide + "reference_policies_elements_notaction.html"));

    /// <summary>An Allow covering <c>iam:PassRole</c> with a <c>NotResource</c> that does not exclude roles.</summary>
    public static PolicyRule PassRoleViaNotResource { get; } = new(
        "PassRoleViaNotResource", PolicyFindingKind.SecurityWarning, "NotResource allow that includes every role",
        "An Allow with NotResource covers every resource it does not list, so iam:PassRole applies to every role the list misses, including roles created later. Name the roles in Resource instead.",
        new Uri(IamGuide + "reference_policies_elements_notresource.html"));

    /// <summary>An <c>iam:PassedToService</c> value that is not an AWS service principal.</summary>
    public static PolicyRule PassedToServiceNotServicePrincipal { get; } = new(
        "PassedToServiceNotServicePrincipal", PolicyFindingKind.SecurityWarning, "iam:PassedToService value that is not a service principal",
        "iam:PassedToService carries a service principal such as glue.amazonaws.com. Any other value never matches: an allow grants nothing, and a guardrail Deny never fires (or, negated, always fires).",
        new Uri(IamGuide + "reference_policies_elements_principal.html#principal-services"));

    /// <summary>A <c>Version</c> other than 2012-10-17 in a document that uses policy variables.</summary>
    public static PolicyRule VariablesNeedVersion2012 { get; } = new(
        "VariablesNeedVersion2012", PolicyFindingKind.SecurityWarning, "Policy variables without Version 2012-10-17",
        "Without \"Version\": \"2012-10-17\" a ${...} variable is literal text: an Allow that relies on it grants nothing and a Deny that relies on it never fires.",
        new Uri(IamGuide + "reference_policies_variables.html"));

    /// <summary>A condition key <c>iam:PassRole</c> does not support, on a statement that covers only PassRole among the actions that could use it.</summary>
    public static PolicyRule UnsupportedPassRoleConditionKey { get; } = new(
        "UnsupportedPassRoleConditionKey", PolicyFindingKind.SecurityWarning, "Condition key iam:PassRole does not support",
        "A key the action does not support is absent from its requests: a plain operator never matches (the allow grants nothing, the deny never fires), and IfExists or a negated operator always matches, so the intended limit does not limit. iam:PassRole supports iam:PassedToService and iam:AssociatedResourceArn besides the global keys.",
        new Uri(ServiceAuthorization + "list_awsidentityandaccessmanagementiam.html"));

    /// <summary>An action, or a pattern, that matches no action of the Service Authorization Reference.</summary>
    public static PolicyRule UnknownAction { get; } = new(
        "UnknownAction", PolicyFindingKind.Warning, "Action the Service Authorization Reference does not define",
        "A misspelt or retired action matches nothing: an allow grants nothing and a deny guards nothing. The bundled reference has a date (ServiceAuthorizationReference.DataUpdatedAt); an action AWS added since is reported too.",
        new Uri(ServiceAuthorization + "reference_policies_actions-resources-contextkeys.html"));

    /// <summary>A condition key no service and no global key list defines.</summary>
    public static PolicyRule UnknownConditionKey { get; } = new(
        "UnknownConditionKey", PolicyFindingKind.Warning, "Condition key AWS does not define",
        "A key that no request carries makes a plain operator never match and IfExists or negated operators always match; check the spelling against the service's condition keys or the global condition keys.",
        new Uri(IamGuide + "reference_policies_condition-keys.html"));

    /// <summary>An allowed action that supports no resource-level permissions, in a statement that names only ARNs.</summary>
    public static PolicyRule ActionNeedsWildcardResource { get; } = new(
        "ActionNeedsWildcardResource", PolicyFindingKind.Warning, "Action authorized only on \"*\" with specific resources",
        "The action has no resource type in the Service Authorization Reference, so it is authorized on \"*\" only; a statement whose Resource lists only ARNs never applies to it (for example glue:CreateDevEndpoint). Grant it in a statement with \"Resource\": \"*\".",
        new Uri(ServiceAuthorization + "reference_policies_actions-resources-contextkeys.html"));

    /// <summary>A document without <c>Version</c> (and no variables).</summary>
    public static PolicyRule MissingVersion { get; } = new(
        "MissingVersion", PolicyFindingKind.Warning, "Document without Version",
        "Without Version, IAM uses the 2008-10-17 language, where policy variables are not supported; state \"Version\": \"2012-10-17\" so a later edit that adds a variable works as written.",
        new Uri(IamGuide + "reference_policies_elements_version.html"));

    /// <summary><c>NotPrincipal</c> in a resource-based policy Deny.</summary>
    public static PolicyRule NotPrincipalDiscouraged { get; } = new(
        "NotPrincipalDiscouraged", PolicyFindingKind.Suggestion, "NotPrincipal in a resource-based policy",
        "AWS recommends against NotPrincipal in new resource-based policies: with several policy types in play (boundaries, sessions) its effect is hard to follow. A Deny with \"Principal\": \"*\" and an aws:PrincipalArn condition says the same thing plainly.",
        new Uri(IamGuide + "reference_policies_elements_notprincipal.html"));

    /// <summary>Every rule, grouped by kind (errors first).</summary>
    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        InvalidDocument, MissingPrincipal, UnsupportedPrincipal, UnsupportedNotPrincipal, NotPrincipalWithAllow, MissingResource,
        UnsupportedElement, RcpPrincipalNotAnyone, RcpAllowNotSupported, VersionRequired,
        PassRoleOnAnyRole, PassRoleWithoutPassedToService, PassRoleViaNotAction, PassRoleViaNotResource,
        PassedToServiceNotServicePrincipal, VariablesNeedVersion2012, UnsupportedPassRoleConditionKey,
        UnknownAction, UnknownConditionKey, ActionNeedsWildcardResource, MissingVersion,
        NotPrincipalDiscouraged,
    ];
}
