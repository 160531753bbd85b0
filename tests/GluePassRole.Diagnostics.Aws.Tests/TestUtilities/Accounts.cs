namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>Fake accounts shaped like the field note's.</summary>
internal static class Accounts
{
    public const string GlueConsole = """{"Version":"2012-10-17","Statement":[{"Sid":"PassGlueServiceRoles","Effect":"Allow","Action":"iam:PassRole","Resource":["arn:aws:iam::*:role/AWSGlueServiceRole*","arn:aws:iam::*:role/service-role/AWSGlueServiceRole*"],"Condition":{"StringLike":{"iam:PassedToService":["glue.amazonaws.com"]}}},{"Effect":"Allow","Action":"glue:*","Resource":"*"}]}""";

    public const string ForceMfa = """{"Version":"2012-10-17","Statement":[{"Sid":"DenyAllExceptListedIfNoMFA","Effect":"Deny","NotAction":["iam:GetUser","sts:GetSessionToken"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}""";

    public const string GlueTrust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    public static string Allow(string action) => $$"""{"Version":"2012-10-17","Statement":[{"Sid":"S{{Math.Abs(action.GetHashCode(StringComparison.Ordinal)) % 1000}}","Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";

    /// <summary>User dana in GlueAccess (AWSGlueConsoleFullAccess) and developers (Force_MFA inline-free customer policy), role etl-runtime.</summary>
    public static FakeIamAccount FieldNote()
    {
        var account = new FakeIamAccount();
        var console = account.AddPolicy("AWSGlueConsoleFullAccess", GlueConsole, awsManaged: true);
        var mfa = account.AddPolicy("Force_MFA", ForceMfa);
        account.AddGroup("GlueAccess").Attached.Add(console);
        account.AddGroup("developers").Attached.Add(mfa);
        var user = account.AddUser("dana");
        user.Groups.AddRange(["GlueAccess", "developers"]);
        account.AddRole("etl-runtime", "/", GlueTrust);
        return account;
    }

    /// <summary>A user in 3 groups with 6 managed policies (2 per group) and one group inline policy.</summary>
    public static FakeIamAccount ThreeGroupsSixPolicies()
    {
        var account = new FakeIamAccount();
        var user = account.AddUser("wide");
        for (var g = 1; g <= 3; g++)
        {
            var group = account.AddGroup($"group{g}");
            user.Groups.Add(group.Name);
            for (var p = 1; p <= 2; p++)
            {
                group.Attached.Add(account.AddPolicy($"policy{g}{p}", Allow($"s3:Get{g}{p}")));
            }
        }

        account.Groups["group1"].Inline["inline1"] = Allow("glue:GetJob");
        return account;
    }
}
