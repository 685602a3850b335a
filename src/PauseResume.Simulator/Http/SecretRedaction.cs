namespace PauseResume.Simulator.Http;

/// <summary>
/// Keeps passwords and session ids out of every log line, however a client sent them: a query-string parameter whose
/// name speaks of a password, a secret, a token, a key, an authorization or a session (<c>sid</c> too; any case, percent-encoded or not) is shown as <c>***</c>,
/// and so is a path parameter of such a name (<c>;jsessionid=</c>, <c>;password=</c>: a servlet container drops path
/// parameters before it maps a request, so a client may send its fields there): a session id in a log line is a
/// session anyone reading it can use (SES-4). Form bodies are never logged at all.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>The path as sent, with the value of every path parameter whose name speaks of a secret masked.</summary>
    public static string Path(string path) => path.Contains(';', StringComparison.Ordinal) ? Text(path) : path;

    /// <summary>
    /// Any text (a path, a reason that quotes a path segment) with the value of every path parameter whose name speaks of
    /// a secret masked, with any white space before it, up to the next character no such value holds (a space before a
    /// session id left it shown).
    /// </summary>
    public static string Text(string text) =>
        text.Contains(';', StringComparison.Ordinal)
            ? PathParameter().Replace(text, m => IsSecret(m.Groups["name"].Value) ? $";{m.Groups["name"].Value}={Mask}" : m.Value)
            : text;

    [System.Text.RegularExpressions.GeneratedRegex(@";(?<name>[^;/=?#\s]*)=\s*[^;/?#\s]*", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PathParameter();

    /// <summary>The query string as sent (with its <c>?</c>), with the value of every password-like parameter masked.</summary>
    public static string Query(QueryString query)
    {
        if (!query.HasValue || query.Value!.Length <= 1 || !MayHoldSecret(query.Value))
        {
            return query.Value ?? string.Empty;
        }

        var parameters = query.Value[1..].Split('&');
        for (var i = 0; i < parameters.Length; i++)
        {
            var equals = parameters[i].IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && IsSecret(parameters[i][..equals]))
            {
                parameters[i] = $"{parameters[i][..equals]}={Mask}";
            }
        }

        return "?" + string.Join('&', parameters);
    }

    // The words a secret's name holds; "token" is also the dashboard's ?token= (control API).
    private static readonly string[] Words = ["pass", "pwd", "token", "secret", "session", "auth", "key"];

    // Names too short to look for inside others ("inside" is no session id): a secret only as the whole name.
    private static readonly string[] Names = ["pw", "sid"];

    // Most queries name no secret at all: with no escape in it ('%' or '+') every name reads as written, so a query
    // without any of the words (nor "pw" or "sid") holds no name with one, and is shown as it came, without splitting it apart.
    private static bool MayHoldSecret(string query) =>
        query.Contains('%', StringComparison.Ordinal) || query.Contains('+', StringComparison.Ordinal)
        || Names.Any(n => query.Contains(n, StringComparison.OrdinalIgnoreCase)) || HoldsAWord(query);

    // Decoded as a servlet would (%77 is 'w', '+' a space), so an encoded name cannot slip past.
    private static bool IsSecret(string encodedName)
    {
        var name = Uri.UnescapeDataString(encodedName.Replace('+', ' '));
        return HoldsAWord(name) || Names.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase));
    }

    private static bool HoldsAWord(string text)
    {
        foreach (var word in Words)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
