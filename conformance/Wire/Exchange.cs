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

    /// <summary>A 2xx to a request that needs a session (a list, details, a pause): the session it carried was alive then.</summary>
    public bool ShowsSessionAlive => Status is >= 200 and < 300 && PathAndQuery.Contains("restful/couples.xml", StringComparison.Ordinal);

    /// <summary>
    /// What SES-3 documents to be the same for every login: status, content type (its name case-insensitive) and body,
    /// with what a page may vary per request and that tells nothing blanked: numbers (a time, a counter) and long runs of
    /// letters and digits (a token, a session id). A redirect's target is part of it: a recorder that sent failed logins
    /// to <c>login.jsp?error=true</c> and others to its start told the outcome, and passed.
    /// </summary>
    public string Gist => $"{Status} {ContentType?.ToLowerInvariant()}{(Status is >= 300 and < 400 && Header("Location") is { } to ? " to " + Blanked(to) : string.Empty)} {Blanked(Body)}";

    /// <summary>A text of the answer with what tells nothing blanked: session ids, numbers, tokens (see <see cref="Gist"/>).</summary>
    private string Blanked(string text) => Varying().Replace(WithoutSessions(text), "<n>");

    /// <summary>
    /// Status, content type and body, which SES-3 says are the same for every login. A session id in the body is no
    /// difference, nor a link rewritten with it: a servlet container appends <c>;jsessionid=</c> to the links of a page
    /// (a Struts form's action) for a request that named no session by cookie, and not for one that did, whatever the login did.
    /// </summary>
    public string Shape => $"{Status} {ContentType} {WithoutSessions(Body)}";

    /// <summary>
    /// The body without the session ids this exchange named or set (the request's JSESSIONID, the answer's; each with
    /// and without its route), nor links rewritten with one. Only those: any run of 32 hex digits was taken for a
    /// session id, which cut a 40-digit CSRF token of a login page in two and left 8 digits that differ from login to
    /// login (SES-3 broken, on a recorder that keeps it), and made a page with a 32-digit token look fixed to the probe.
    /// </summary>
    private string WithoutSessions(string body)
    {
        var text = SessionIds().Replace(RewrittenLinks().Replace(body, string.Empty), "<session>");
        foreach (var id in KnownSessionIds().OrderByDescending(id => id.Length))
        {
            text = text.Replace(id, "<session>", StringComparison.Ordinal);
        }

        return text;
    }

    private HashSet<string> KnownSessionIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var named = (Cookie ?? string.Empty).Split(';').Concat((Header("Set-Cookie") ?? string.Empty).Split('\n').Select(line => line.Split(';')[0]));
        foreach (var pair in named.Select(p => p.Trim()))
        {
            if (pair.StartsWith("JSESSIONID=", StringComparison.OrdinalIgnoreCase) && pair["JSESSIONID=".Length..].Trim('"') is { Length: >= 8 } id)
            {
                ids.Add(id);
                if (id.IndexOfAny(['.', ':']) is var end and >= 8)
                {
                    ids.Add(id[..end]); // the id without its route (Tomcat's .jvmRoute, WebSphere's :cloneId)
                }
            }
        }

        return ids;
    }

    [System.Text.RegularExpressions.GeneratedRegex(";jsessionid=[^\"'\\s>?#&;]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RewrittenLinks();

    [System.Text.RegularExpressions.GeneratedRegex("(?=[A-Za-z_+/=-]*[0-9])[A-Za-z0-9_+/=-]{16,}|[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Varying();

    /// <summary>
    /// Whether two gists tell the same (SES-3): equal, or equal but for long runs of letters in the same places that are
    /// tokens: of one length and different in most places, as two random tokens of letters are, or one against a token
    /// with a digit (blanked in the gist already). A word or a name that says something ("loginFailedPanel" against
    /// "loginSucceededPanel") differs in length, or in a few places only.
    /// </summary>
    public static bool GistsAgree(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var (left, right) = (LetterRuns().Split(a), LetterRuns().Split(b));
        if (left.Length != right.Length)
        {
            return false;
        }

        // Split keeps each captured run at the odd places, between the text around it. A token that happened to hold a
        // digit is blanked already ("<n>"), so against a run of letters it is a token too.
        for (var i = 0; i < left.Length; i++)
        {
            var (x, y) = (left[i], right[i]);
            var tokens = i % 2 == 1 && (x == "<n>" ? LooksRandom(y) : y == "<n>" ? LooksRandom(x)
                : x.Length == y.Length && x.Zip(y).Count(p => p.First != p.Second) * 2 >= x.Length && LooksRandom(x) && LooksRandom(y));
            if (x != y && !tokens)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Letters drawn at random: few vowels (a fifth, where words have two in five) or a case that changes often (where a
    /// camelCase name changes it once a word): <c>invalidCredentials</c> is a name, <c>QXIAkdjeWpqLmZnR</c> a token.
    /// </summary>
    private static bool LooksRandom(string run)
    {
        var letters = run.Where(char.IsAsciiLetter).ToList();
        var vowels = letters.Count(c => "aeiouAEIOU".Contains(c, StringComparison.Ordinal));
        var caseChanges = letters.Zip(letters.Skip(1)).Count(p => char.IsAsciiLetterUpper(p.First) != char.IsAsciiLetterUpper(p.Second));
        return letters.Count > 0 && (vowels * 10 < letters.Count * 3 || caseChanges * 4 >= letters.Count);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(<n>|[A-Za-z_+/=-]{16,})")]
    private static partial System.Text.RegularExpressions.Regex LetterRuns();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=jsessionid=)[0-9A-Za-z._-]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SessionIds();
}
