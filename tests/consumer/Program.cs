// The way a user meets the packages: parse the AccessDenied text (GluePassRole.Diagnostics), parse the policies
// (GluePassRole.Diagnostics.Policies), evaluate iam:PassRole before and after the least-privilege fix.
// Exits 0 only if both decisions are the expected ones.
using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

var policyDirectory = args.Length > 0 ? args[0] : AppContext.BaseDirectory;

const string ErrorText =
    "User: arn:aws:iam::111122223333:user/dana is not authorized to perform: iam:PassRole on resource: " +
    "arn:aws:iam::111122223333:role/etl-orders-runtime because no identity-based policy allows the iam:PassRole action";

var message = AccessDeniedMessage.Parse(ErrorText);
if (message.Resource is null)
{
    Console.Error.WriteLine("FAIL: the AccessDenied message has no resource");
    return 1;
}

var request = AuthorizationRequest.PassRole(message.Principal, message.Resource, "glue.amazonaws.com");
var current = PolicyDocument.Parse(File.ReadAllText(Path.Combine(policyDirectory, "identity-policy.json")));
var fix = PolicyDocument.Parse(File.ReadAllText(Path.Combine(policyDirectory, "fix-policy.json")));

var before = PolicyEvaluator.Evaluate(request, current).Decision;
var after = PolicyEvaluator.Evaluate(request, current, fix).Decision;
Console.WriteLine($"principal: {message.Principal}");
Console.WriteLine($"role:      {message.Resource}");
Console.WriteLine($"decision before fix: {before}");
Console.WriteLine($"decision after fix:  {after}");

if (before != Decision.ImplicitDeny || after != Decision.Allowed)
{
    Console.Error.WriteLine("FAIL: expected ImplicitDeny before the fix and Allowed after it");
    return 1;
}

Console.WriteLine("OK");
return 0;
