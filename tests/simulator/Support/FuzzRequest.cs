using System.Text;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>One generated request; <see cref="ToString"/> reads like the request line, headers and a body excerpt.</summary>
internal sealed record FuzzRequest(string Method, string PathAndQuery, string? ContentType, byte[]? Body, int? Session, string? Cookie)
{
    public bool IsReset => PathAndQuery.StartsWith("/simulator/reset", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage(IReadOnlyList<string> sessions)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        var cookies = new List<string>();
        if (Cookie is not null)
        {
            cookies.Add(Cookie);
        }

        if (Session is { } s && sessions.Count > 0)
        {
            cookies.Add($"JSESSIONID={sessions[s % sessions.Count]}");
        }

        if (cookies.Count > 0)
        {
            message.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies));
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? string.Empty : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 200));
        return $"{Method} {Shorten(PathAndQuery)} [Content-Type: {ContentType}] [session {Session?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; cookie {Cookie}] "
               + $"{Shorten(body)}{(Body is { Length: > 200 } ? $"… ({Body.Length} bytes)" : string.Empty)}";
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
