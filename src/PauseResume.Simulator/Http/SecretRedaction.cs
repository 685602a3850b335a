namespace PauseResume.Simulator.Http;

/// <summary>
/// Keeps passwords out of every log line, however a client sent them: a query-string parameter whose name speaks of a
/// password (any case, percent-encoded or not) is shown as <c>***</c>. Form bodies are never logged at all.
/// </summary>
internal static class SecretRedaction
{
    public const string Mask = "***";

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

    // Most queries name no secret at all: with no escape in it ('%' or '+') every name reads as written, so a query
    // without any of the words holds no name with one, and is shown as it came, without splitting it apart.
    private static bool MayHoldSecret(string query) =>
        query.Contains('%', StringComparison.Ordinal) || query.Contains('+', StringComparison.Ordinal)
        || query.Contains("pass", StringComparison.OrdinalIgnoreCase) || query.Contains("pwd", StringComparison.OrdinalIgnoreCase)
        || query.Contains("token", StringComparison.OrdinalIgnoreCase);

    // Decoded as a servlet would (%77 is 'w', '+' a space), so an encoded name cannot slip past.
    private static bool IsSecret(string encodedName)
    {
        var name = Uri.UnescapeDataString(encodedName.Replace('+', ' '));
        return name.Contains("pass", StringComparison.OrdinalIgnoreCase) || name.Contains("pwd", StringComparison.OrdinalIgnoreCase)
               || name.Contains("token", StringComparison.OrdinalIgnoreCase); // the dashboard's ?token= (control API)
    }
}
