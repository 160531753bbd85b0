namespace GluePassRole.Diagnostics.Sources;

/// <summary>The Glue resources that carry an IAM role, whose create and update calls pass it (<c>iam:PassRole</c>).</summary>
public enum GlueResourceKind
{
    /// <summary>A job (<c>glue:GetJob</c>; role passed by CreateJob/UpdateJob).</summary>
    Job,

    /// <summary>A crawler (<c>glue:GetCrawler</c>; role passed by CreateCrawler/UpdateCrawler).</summary>
    Crawler,

    /// <summary>An interactive session (<c>glue:GetSession</c>; role passed by CreateSession).</summary>
    Session,

    /// <summary>A development endpoint (<c>glue:GetDevEndpoint</c>; role passed by CreateDevEndpoint).</summary>
    DevEndpoint,

    /// <summary>A machine-learning transform (<c>glue:GetMLTransform</c>; role passed by CreateMLTransform/UpdateMLTransform).</summary>
    MLTransform,
}
