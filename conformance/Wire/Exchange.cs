namespace PauseResume.Conformance.Wire;

/// <summary>One request of a scenario and the answer it got, kept for the trace and the curl script.</summary>
internal sealed partial record Exchange(
    int Slot,
    string Method,
    string PathAndQuery,
    string? Cookie,
    string? Form,
    int Status,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? Script = null)
{
    /// <summary>A line for the reproduction script that is no API request (a control action, a pause in time).</summary>
    public static Exchange Note(string script) => new(-1, string.Empty, string.Empty, null, null, 0, null, new Dictionary<string, string>(), string.Empty, script);

    /// <summary>The body began with a byte-order mark, which the decoded <see cref="Body"/> no longer shows.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>The charset the answer named when no one knows it (the body was read as UTF-8 instead), else null.</summary>
    public string? UnknownCharset { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// What SES-3 documents to be the same for every login: status, content type (its name case-insensitive) and body,
    /// with what a page may vary per request and that tells nothing blanked: numbers (a time, a counter) and long runs of
    /// letters and digits (a token, a session id).
    /// </summary>
    public string Gist => $"{Status} {ContentType?.ToLowerInvariant()} {Varying().Replace(SessionIds().Replace(Body, "<session>"), "<n>")}";

    /// <summary>
    /// Status, content type and body, which SES-3 says are the same for every login. A session id in the body (a
    /// servlet container rewrites links with <c>;jsessionid=</c> for a client it has no cookie from) is no difference.
    /// </summary>
    public string Shape => $"{Status} {ContentType} {SessionIds().Replace(Body, "<session>")}";

    [System.Text.RegularExpressions.GeneratedRegex("(?=[A-Za-z_+/=-]*[0-9])[A-Za-z0-9_+/=-]{16,}|[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Varying();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=jsessionid=)[0-9A-Za-z._-]+|[0-9A-F]{32}(\\.[A-Za-z0-9_-]+)?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SessionIds();
}
