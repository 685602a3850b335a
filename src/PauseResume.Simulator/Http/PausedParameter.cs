using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Reads <c>paused</c> where the profile says it is read (PSE-3), of several values the one it says (PSE-2), under its
/// reading (PSE-2). All three are inferred: the vendor writes only "parameter paused=true".
/// </summary>
internal static class PausedParameter
{
    public const string Name = "paused";
    private const string VendorTypo = "pause";

    // Java's trim: every character up to the space, at either end.
    private static readonly char[] JavaBlanks = [.. Enumerable.Range(0, ' ' + 1).Select(c => (char)c)];

    public static bool? Read(Parameters parameters, RecorderProfile profile, string method, out string? error)
    {
        error = parameters.BodyError;
        if (error is not null)
        {
            return null;
        }

        var (values, unread) = Values(parameters, profile.PausedLocation, method);
        var value = profile.RepeatedPaused switch
        {
            RepeatedPaused.Last => values.LastOrDefault(),
            RepeatedPaused.Joined => values.Count == 0 ? null : string.Join(',', values),
            _ => values.FirstOrDefault(),
        };
        var refused = profile.RepeatedPaused switch
        {
            RepeatedPaused.Refused when values.Distinct(StringComparer.OrdinalIgnoreCase).Skip(1).Any() => "given more than once with different values",
            RepeatedPaused.RefusedAny when values.Count > 1 => "given more than once",
            _ => null,
        };
        if (profile.PausedParameter == PausedParameterReading.JaxRsLenient && refused is null)
        {
            // Java's Boolean.parseBoolean: missing, "pause=true" or "yes" all read as false, so they resume.
            return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        }

        error = value switch
        {
            _ when refused is not null => $"parameter 'paused' is {refused}",
            null when unread is not null => $"parameter 'paused' is read from {Where(profile.PausedLocation, method)} here, not from {unread}",
            null when parameters.Has(VendorTypo) => "parameter 'pause' is not known: send 'paused=true' or 'paused=false'",
            null => "parameter 'paused' is missing: send 'paused=true' or 'paused=false'",
            _ when profile.PausedParameter == PausedParameterReading.Spring => SpringBoolean(value) is null ? $"paused={ListFilter.Shorten(value)} is not a boolean (true, false, on, off, yes, no, 1 or 0)" : null,
            _ when !IsBoolean(value) => $"paused={ListFilter.Shorten(value)} is not true or false",
            _ => null,
        };
        return error is not null ? null
            : profile.PausedParameter == PausedParameterReading.Spring ? SpringBoolean(value!)
            : string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }

    // Spring's conversion of a String to a boolean: trimmed, then the words in any case of ASCII letters (Java's
    // toLowerCase leaves a long s a long s, so "yeſ" is no "yes"); empty is no value, so a required parameter is missing.
    private static bool? SpringBoolean(string value)
    {
        var word = value.Trim(JavaBlanks);
        return !System.Text.Ascii.IsValid(word) ? null : word.ToUpperInvariant() switch
        {
            "TRUE" or "ON" or "YES" or "1" => true,
            "FALSE" or "OFF" or "NO" or "0" => false,
            _ => null,
        };
    }

    // "true" or "false" in any case, as written: bool.TryParse would also take " true" or "true\0", which a recorder that
    // compares the value never reads as a boolean (and a Java one reads as false).
    private static bool IsBoolean(string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The values the location reads (form body first), and where a value it does not read was sent.</summary>
    private static (List<string> Values, string? Unread) Values(Parameters parameters, PausedLocation location, string method)
    {
        var formRead = location switch
        {
            PausedLocation.Query => false,
            PausedLocation.PostFormAndQuery => HttpMethods.IsPost(method),
            _ => true,
        };
        var queryRead = location != PausedLocation.Form;
        var form = parameters.FormValues(Name).ToList();
        var query = parameters.QueryValues(Name).ToList();
        var values = (formRead ? form : []).Concat(queryRead ? query : []).ToList();
        var unread = !formRead && form.Count > 0 ? $"the form body of a {method}" : !queryRead && query.Count > 0 ? "the query string" : null;
        return (values, unread);
    }

    private static string Where(PausedLocation location, string method) => location switch
    {
        PausedLocation.Form => "the form body only",
        PausedLocation.Query => "the query string only",
        PausedLocation.PostFormAndQuery when !HttpMethods.IsPost(method) => $"the query string only on a {method}",
        _ => "the form body or the query string",
    };
}
