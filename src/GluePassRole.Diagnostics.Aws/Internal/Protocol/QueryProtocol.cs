using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>One AWS Query protocol call: an action and its form parameters.</summary>
internal sealed class QueryRequest : AmazonWebServiceRequest
{
    public QueryRequest(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        Action = action;
    }

    public string Action { get; }

    /// <summary>Form parameters in the Query protocol's flattened form (<c>ActionNames.member.1</c>).</summary>
    public SortedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public QueryRequest With(string name, string? value)
    {
        if (value is not null)
        {
            Parameters[name] = value;
        }

        return this;
    }

    public QueryRequest WithList(string name, IEnumerable<string> values)
    {
        var index = 1;
        foreach (var value in values)
        {
            Parameters[$"{name}.member.{index++}"] = value;
        }

        return this;
    }
}

/// <summary>The <c>{Action}Result</c> element of a Query response.</summary>
internal sealed class QueryResponse : AmazonWebServiceResponse
{
    public XElement Result { get; set; } = new("Empty");
}

/// <summary>A failed IAM call, as the SDK pipeline raises it (error code, type, request ID, status).</summary>
internal sealed class IamServiceException : AmazonServiceException
{
    public IamServiceException(string message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status)
        : base(message, inner, type, code, requestId, status)
    {
    }
}

/// <summary>Turns a <see cref="QueryRequest"/> into a signed-ready form POST; refuses non-read actions.</summary>
internal sealed class QueryMarshaller(ServiceDescription service) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var query = (QueryRequest)input;
        ReadOnlyOperations.Ensure(ReadOnlyOperations.Iam, service.ServiceId, query.Action);
        var request = new DefaultRequest(query, service.ServiceId) { HttpMethod = "POST", ResourcePath = "/" };
        request.Parameters.Add("Action", query.Action);
        request.Parameters.Add("Version", service.ApiVersion);
        foreach (var (name, value) in query.Parameters)
        {
            request.Parameters.Add(name, value);
        }

        request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
        return request;
    }
}

/// <summary>Reads a Query response body into its <c>Result</c> element, or an error body into an <see cref="IamServiceException"/>.</summary>
internal sealed class QueryUnmarshaller : XmlResponseUnmarshaller
{
    public static QueryUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string body;
        try
        {
            using var reader = new StreamReader(context.Stream, Encoding.UTF8);
            body = reader.ReadToEnd();
        }
        catch (HttpIOException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            throw new MalformedResponseException(AwsFailures.CutShortDetail);
        }
        XDocument document;
        try
        {
            document = XDocument.Parse(body);
        }
        catch (XmlException)
        {
            throw new MalformedResponseException(AwsFailures.UnusableBody(body, "XML"));
        }

        // A proxy's well-formed HTML page, or any XML that is not an AWS Query answer, is not an empty result.
        var root = document.Root!;
        var result = root.Name.LocalName.EndsWith("Response", StringComparison.Ordinal)
            ? root.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal)) ?? new XElement("Empty")
            : throw new MalformedResponseException(root.Name.LocalName.Equals("html", StringComparison.OrdinalIgnoreCase)
                ? AwsFailures.OneLine(body)
                : $"<{root.Name.LocalName}> is not an AWS Query response");
        var response = new QueryResponse { Result = result };
        var requestId = root.Elements().FirstOrDefault(e => e.Name.LocalName == "ResponseMetadata")?
            .Elements().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        response.ResponseMetadata = new ResponseMetadata { RequestId = requestId };
        return response;
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
        return new IamServiceException(error.Message ?? statusCode.ToString(), innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}
