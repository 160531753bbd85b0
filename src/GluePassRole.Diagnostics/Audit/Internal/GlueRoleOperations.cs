namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The Glue operations that take a role (../shared/data/glue-operations-with-role-params.txt, from botocore's Glue
/// service model): those that make Glue run the caller's code as the role, and those that only use the role.
/// </summary>
internal static class GlueRoleOperations
{
    public const string StartJobRun = "glue:StartJobRun";

    /// <summary>Operations after which Glue runs code the caller supplies, as the passed role.</summary>
    public static readonly string[] RunAs = ["glue:CreateJob", "glue:UpdateJob", "glue:CreateSession", "glue:CreateDevEndpoint"];

    /// <summary>Operations that take a role but run Glue's own logic with it (crawlers, ML transforms, optimizers, ...).</summary>
    public static readonly string[] Other =
    [
        "glue:CreateCatalog", "glue:UpdateCatalog",
        "glue:CreateColumnStatisticsTaskSettings", "glue:UpdateColumnStatisticsTaskSettings", "glue:StartColumnStatisticsTaskRun",
        "glue:CreateCrawler", "glue:UpdateCrawler",
        "glue:CreateIntegrationResourceProperty", "glue:UpdateIntegrationResourceProperty",
        "glue:CreateMLTransform", "glue:UpdateMLTransform",
        "glue:CreateTableOptimizer", "glue:UpdateTableOptimizer",
        "glue:PutDataCatalogEncryptionSettings",
        "glue:StartBlueprintRun",
        "glue:StartDataQualityRuleRecommendationRun", "glue:StartDataQualityRulesetEvaluationRun",
    ];

    /// <summary>Every operation the audit decides per principal, run-as first.</summary>
    public static readonly string[] All = [.. RunAs, StartJobRun, .. Other];
}
