using System.Text;

namespace PauseResume.Simulator.Http;

/// <summary>The few response shapes of the recorder: one-line plain-text errors, XML documents, empty successes.</summary>
internal static class Replies
{
    public const string XmlContentType = "application/xml";

    /// <summary>Every error body is one line of plain text naming the rule that was broken.</summary>
    public static IResult Error(HttpContext context, RequestLog log, int status, string why, string rule)
    {
        log.Decided(context, status, why, rule);
        return Results.Text($"{why} ({rule})\n", "text/plain", Encoding.UTF8, status);
    }

    public static IResult Xml(HttpContext context, RequestLog log, byte[] document, string why, string rule)
    {
        log.Decided(context, StatusCodes.Status200OK, why, rule);
        return Results.Bytes(document, XmlContentType);
    }

    public static IResult NoContent(HttpContext context, RequestLog log, string why, string rule)
    {
        log.Decided(context, StatusCodes.Status204NoContent, why, rule);
        return Results.NoContent();
    }
}
