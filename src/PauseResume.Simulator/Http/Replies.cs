using System.Text;

using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The few response shapes of the recorder: one-line plain-text errors, XML documents, empty successes. Each notes its
/// decision on the request; <see cref="RequestLogFilter"/> writes the log line once the handler has answered.
/// </summary>
internal static class Replies
{
    public const string XmlContentType = "application/xml";

    /// <summary>Every error body is one line of plain text naming the rule that was broken (a client's text in it escaped).</summary>
    public static IResult Error(HttpContext context, int status, string why, string rule) => Error(context, status, why, rule, told: why);

    /// <param name="told">What the client is told, where it must not learn the whole of <paramref name="why"/> (which the log keeps).</param>
    public static IResult Error(HttpContext context, int status, string why, string rule, string told)
    {
        Decision.Set(context, status, ClientText.Escaped(why), rule);
        // errorBody=empty: the status alone, as a JAX-RS WebApplicationException without an entity answers; the log keeps why.
        return context.RequestServices.GetService<Recorder>()?.Profile.ErrorBody == ErrorBody.Empty
            ? Results.StatusCode(status)
            : Results.Text($"{ClientText.Escaped(told)} ({rule})\n", "text/plain", Encoding.UTF8, status);
    }

    /// <param name="mediaType">The profile's documentMediaType (LST-1, DET-1).</param>
    public static IResult Xml(HttpContext context, byte[] document, string why, string rule, DocumentMediaType mediaType) =>
        Xml(context, [document], why, rule, mediaType);

    /// <summary>A document in parts (the list of a large world): one part is sent with its length, more as they are written.</summary>
    /// <param name="mediaType">The profile's documentMediaType (LST-1, DET-1).</param>
    public static IResult Xml(HttpContext context, IEnumerable<byte[]> parts, string why, string rule, DocumentMediaType mediaType)
    {
        Decision.Set(context, StatusCodes.Status200OK, why, rule);
        return new Document(parts, mediaType == DocumentMediaType.TextXml ? "text/xml" : XmlContentType);
    }

    /// <summary>A success without a body: 204, or a 200 of length 0 (pauseStatus, PSE-3).</summary>
    public static IResult Empty(HttpContext context, int status, string why, string rule)
    {
        Decision.Set(context, status, why, rule);
        return status == StatusCodes.Status204NoContent ? Results.NoContent() : Results.StatusCode(status);
    }

    /// <summary>
    /// A document as the recorder sends it: status 200, its media type and length, the bytes. No range or conditional
    /// request handling, which a JAX-RS resource returning a document does not do either, and where the framework's
    /// byte result took 3.8 % of the process's CPU serving details under load (bench/results/profile.md).
    /// </summary>
    private sealed class Document(IEnumerable<byte[]> parts, string contentType) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => StatusCodes.Status200OK;

        public string ContentType => contentType;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            using var part = parts.GetEnumerator();
            var first = part.MoveNext() ? part.Current : [];
            var more = part.MoveNext();
            if (!more)
            {
                response.ContentLength = first.Length;
            }

            await response.Body.WriteAsync(first, httpContext.RequestAborted).ConfigureAwait(false);
            while (more)
            {
                // Each part is written once the one before it is taken: a client that reads slowly holds one part, not the document.
                await response.Body.WriteAsync(part.Current, httpContext.RequestAborted).ConfigureAwait(false);
                more = part.MoveNext();
            }
        }
    }
}
