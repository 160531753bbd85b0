using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>One AWS JSON 1.1 call: an operation and its JSON body.</summary>
internal sealed class JsonRequest : AmazonWebServiceRequest
{
    public JsonRequest(string operation, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(body);
        Operation = operation;
        Body = body;
    }

    public string Operation { get; }

    public byte[] Body { get; }

    /// <summary>The Region to send it to instead of the client's (a regional service whose data lives in one Region), or <see langword="null"/>.</summary>
    public string? Region { get; private init; }

    /// <summary>A request whose body is <paramref name="body"/> serialized with System.Text.Json, sent to <paramref name="region"/> when given.</summary>
    public static JsonRequest Create(string operation, IReadOnlyDictionary<string, string?> body, string? region = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in body)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return new JsonRequest(operation, buffer.WrittenSpan.ToArray()) { Region = region };
    }
}

/// <summary>A JSON 1.1 response body.</summary>
internal sealed class JsonResponse : AmazonWebServiceResponse
{
    public JsonDocument? Document { get; set; }

    public JsonElement Root => Document?.RootElement ?? default;
}

/// <summary>A failed Glue or Organizations call.</summary>
internal sealed class JsonServiceException : AmazonServiceException
{
    public JsonServiceException(string message, Exception? inner, ErrorType type, string? code, string? requestId, HttpStatusCode status)
        : base(message, inner, type, code, requestId, status)
    {
    }
}

/// <summary>Turns a <see cref="JsonRequest"/> into an <c>X-Amz-Target</c> POST; refuses non-read operations.</summary>
internal sealed class JsonMarshaller(ServiceDescription service, string targetPrefix, FrozenSet<string> allowed) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var json = (JsonRequest)input;
        ReadOnlyOperations.Ensure(allowed, service.ServiceId, json.Operation);
        var request = new DefaultRequest(json, service.ServiceId) { HttpMethod = "POST", ResourcePath = "/" };
        request.Headers["X-Amz-Target"] = targetPrefix + "." + json.Operation;
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["x-amz-api-version"] = service.ApiVersion;
        request.Content = json.Body;
        if (json.Region is not null)
        {
            // The endpoint resolver prefers the request's Region: the endpoint and the SigV4 scope follow it.
            request.AlternateEndpoint = RegionEndpoint.GetBySystemName(json.Region);
        }

        return request;
    }
}

/// <summary>Reads a JSON 1.1 response body, or an error body into a <see cref="JsonServiceException"/>.</summary>
internal sealed class JsonUnmarshaller : JsonResponseUnmarshaller
{
    public static JsonUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        try
        {
            context.Stream.CopyTo(buffer);
        }
        catch (HttpIOException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            throw new MalformedResponseException(AwsFailures.CutShortDetail);
        }
        var response = new JsonResponse();
        try
        {
            response.Document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            throw new MalformedResponseException(AwsFailures.UnusableBody(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), "JSON"));
        }

        if (response.Document.RootElement.ValueKind != JsonValueKind.Object)
        {
            response.Document.Dispose();
            throw new MalformedResponseException("the body is not a JSON object");
        }

        response.ResponseMetadata = new ResponseMetadata
        {
            RequestId = context.ResponseData.IsHeaderPresent("x-amzn-RequestId") ? context.ResponseData.GetHeaderValue("x-amzn-RequestId") : null,
        };
        return response;
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ResponseData.IsHeaderPresent("Content-Type") && context.ResponseData.GetHeaderValue("Content-Type").Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            // A proxy's or an emulator's error page: keep its title, not the page.
            using var page = new StreamReader(context.Stream, Encoding.UTF8);
            return new JsonServiceException(AwsFailures.OneLine(page.ReadToEnd()), innerException, ErrorType.Unknown, null, null, statusCode);
        }

        var reader = new StreamingUtf8JsonReader(context.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
        return new JsonServiceException(error.Message ?? statusCode.ToString(), innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}
