using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Json;

/// <summary>
/// What a JSON body got wrong, in the names the body uses: the serializer's own messages name the simulator's .NET
/// types ("could not be mapped to any .NET member contained in type 'TrafficChangeJson'"), which tell a client nothing.
/// </summary>
internal static partial class JsonProblem
{
    /// <summary>The mistake <paramref name="error"/> describes in a body read as <paramref name="type"/>.</summary>
    public static string Describe(JsonException error, JsonTypeInfo type)
    {
        var path = error.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (Unmapped().Match(error.Message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var nested = path is not null && path.Contains('.', StringComparison.Ordinal);
            var known = nested ? null : KnownNames(type);
            return $"'{path ?? name}' is not a field this request knows" + (known is null ? string.Empty : $" (it knows {known})");
        }

        if (Duplicate().IsMatch(error.Message))
        {
            return Located(error); // valid JSON, but a field given twice, of which the serializer would keep one silently
        }

        if (Unconverted().IsMatch(error.Message))
        {
            return path is null ? "the body is not the JSON object this request takes" : $"'{path}' holds a value of the wrong kind";
        }

        return "the body is not valid JSON: " + Unconverted().Replace(Located(error), "the value");
    }

    /// <summary>
    /// The message of an error in a file, with where it is as an editor counts: the serializer ends its messages with
    /// "Path: $ | LineNumber: 3 | BytePositionInLine: 10.", counting lines and bytes from 0, which sends a reader to
    /// the line before the mistake.
    /// </summary>
    public static string Located(JsonException error)
    {
        var message = Duplicate().Replace(Position().Replace(error.Message, string.Empty).TrimEnd(), "'${name}' is given more than once: give each field once");
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is JsonException { LineNumber: { } line, BytePositionInLine: { } column })
            {
                return FormattableString.Invariant($"{message} (line {line + 1}, byte {column + 1} of the line)");
            }
        }

        return message;
    }

    private static string? KnownNames(JsonTypeInfo type)
    {
        var names = type.Properties.Select(p => p.Name).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    [GeneratedRegex(@"\s*Path: \S*( \| LineNumber: \d+ \| BytePositionInLine: \d+)?\.?$")]
    private static partial Regex Position();

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"Duplicate property '(?<name>[^']*)' encountered during deserialization of type '[^']*'\.?")]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"The JSON value could not be converted to [^ .]+(\.[^ .]+)*(?=[. ]|$)")]
    private static partial Regex Unconverted();
}
