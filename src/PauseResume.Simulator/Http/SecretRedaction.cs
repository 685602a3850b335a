namespace PauseResume.Simulator.Http;

/// <summary>
/// Keeps passwords and session ids out of every log line, however a client sent them: in the query string only the
/// values of the parameters the simulator reads and that hold no secret are shown (the list's filters, <c>paused</c>,
/// <c>login</c>, <c>ended</c>, <c>limit</c>, <c>after</c>; any case, percent-encoded or not), every other value as <c>***</c> (a list of secret
/// names always missed one: <c>pin</c>, <c>otp</c>, <c>credentials</c>, <c>cookie</c>), and a path parameter whose name
/// speaks of a password, a secret, a token, a key, an authorization or a session (<c>sid</c> too) is masked (<c>;jsessionid=</c>, <c>;password=</c>: a servlet container drops path
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

    /// <summary>
    /// The query string as sent (with its <c>?</c>), with the value of every parameter but those in <see cref="Shown"/>
    /// masked, and a parameter without <c>=</c> that is not one of their names masked whole (<c>?jsessionid%3D…</c>).
    /// </summary>
    public static string Query(QueryString query)
    {
        if (!query.HasValue || query.Value!.Length <= 1)
        {
            return query.Value ?? string.Empty;
        }

        var parameters = query.Value[1..].Split('&');
        var masked = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var equals = parameters[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? parameters[i][..equals] : parameters[i];
            if (parameters[i].Length > 0 && !IsShown(name))
            {
                parameters[i] = equals >= 0 ? $"{name}={Mask}" : Mask;
                masked = true;
            }
        }

        return masked ? "?" + string.Join('&', parameters) : query.Value;
    }

    /// <summary>The query parameters whose values a log line shows: those the legacy and control APIs read, none a secret.</summary>
    private static readonly string[] Shown = ["phoneNumber", "phoneNumberDirection", "ipAddress", "ipAddressDirection", "paused", "login", "ended", "limit", "after"];

    // Decoded as a servlet would (%77 is 'w', '+' a space), so an encoded name cannot pass for another.
    private static bool IsShown(string encodedName)
    {
        var name = Unescaped(encodedName);
        return Shown.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase));
    }

    private static string Unescaped(string encoded)
    {
        try
        {
            return Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }

    // The words a secret's name holds; "token" is also the dashboard's ?token= (control API).
    private static readonly string[] Words = ["pass", "pwd", "token", "secret", "session", "auth", "key"];

    // Names too short to look for inside others ("inside" is no session id): a secret only as the whole name.
    private static readonly string[] Names = ["pw", "sid"];

    // Decoded as a servlet would (%77 is 'w', '+' a space), so an encoded name cannot slip past.
    private static bool IsSecret(string encodedName)
    {
        var name = Unescaped(encodedName);
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
