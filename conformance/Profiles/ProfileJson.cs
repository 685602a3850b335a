using System.Text.Json;
using System.Text.Json.Nodes;

namespace PauseResume.Conformance.Profiles;

/// <summary>
/// The profile file format: a built-in name, or an object whose optional <c>name</c> picks the base profile and whose
/// other members set settings (<c>{"name": "default", "refusalOrder": "couple-first"}</c>). A member <c>probe</c>
/// holds what a probe observed, for people to read.
/// </summary>
internal static class ProfileJson
{
    public static KitProfile Read(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return Named(element.GetString()!);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a profile is a built-in name or an object of settings");
        }

        var profile = element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && KitProfile.TryNamed(name.GetString()!, out var named)
            ? named
            : KitProfile.Default with { Name = name.ValueKind == JsonValueKind.String ? name.GetString()! : KitProfile.DefaultName };
        if (element.EnumerateObject().GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Skip(1).Any()) is { } twice)
        {
            throw new FormatException($"{twice.Key} is given more than once: a profile gives each setting once");
        }

        // badParameterOrder, of earlier files, first: either of the two settings that replaced it wins wherever it stands.
        foreach (var setting in element.EnumerateObject().Where(p => p.Name is not "name" and not "probe")
                     .OrderBy(p => string.Equals(p.Name, ProfileSettings.BadParameterOrder, StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            var value = setting.Value.ValueKind switch
            {
                JsonValueKind.String => setting.Value.GetString()!,
                JsonValueKind.Number => setting.Value.GetRawText(),
                _ => throw new FormatException($"{setting.Name} must be a string or a number"),
            };
            var (changed, error) = profile.With(setting.Name, value);
            profile = changed ?? throw new FormatException(error);
        }

        return profile with { Measured = MeasuredIn(element), DetailsLag = DetailsLagIn(element) };
    }

    /// <summary>The member of a probe's record that holds how late the details showed its pauses, in seconds.</summary>
    public const string DetailsLagMember = "detailsLag";

    private static TimeSpan? DetailsLagIn(JsonElement element) =>
        element.TryGetProperty("probe", out var probe) && probe.ValueKind == JsonValueKind.Object
        && probe.TryGetProperty(DetailsLagMember, out var lag)
            ? lag.ValueKind == JsonValueKind.Number && lag.TryGetDouble(out var seconds) && seconds is >= 0 and <= 3600
                ? TimeSpan.FromSeconds(seconds)
                : throw new FormatException($"probe.{DetailsLagMember} must be a number of seconds from 0 to 3600")
            : null;

    /// <summary>
    /// The settings a probe observed on the server (its <c>probe.settings.NAME.observed</c>): facts about that server, which
    /// a diagnosis never trades for a guess (a value a failure caused elsewhere happens to fit).
    /// </summary>
    private static System.Collections.Immutable.ImmutableHashSet<string> MeasuredIn(JsonElement element) =>
        element.TryGetProperty("probe", out var probe) && probe.ValueKind == JsonValueKind.Object
        && probe.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object
            ? [.. settings.EnumerateObject()
                .Where(s => s.Value.ValueKind == JsonValueKind.Object && s.Value.TryGetProperty("observed", out var observed) && observed.ValueKind == JsonValueKind.True)
                .Select(s => ProfileSettings.Find(s.Name)?.Name ?? Measured(s.Name)).OfType<string>()]
            : [];

    // A probe before badParameterOrder was told apart measured it on the list only.
    private static string? Measured(string name) =>
        string.Equals(name, ProfileSettings.BadParameterOrder, StringComparison.OrdinalIgnoreCase) ? ProfileSettings.BadDirectionOrder : null;

    /// <summary>The file's JSON (or a control API's profile body): the name and every setting.</summary>
    public static JsonObject Write(KitProfile profile)
    {
        var json = new JsonObject { ["name"] = profile.Name };
#pragma warning disable RS0030 // a file of every setting reads none of them for a run's expectations
        foreach (var (setting, value) in profile.Values)
#pragma warning restore RS0030
        {
            json[setting] = value;
        }

        return json;
    }

    /// <summary>Reads a profile file as --probe writes it and the simulator loads it.</summary>
    public static KitProfile ReadFile(string path)
    {
        try
        {
            var file = File.ReadAllBytes(path);
            var bytes = file.AsMemory(file.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0); // a byte-order mark some editors write
            if (Simulator.Json.JsonEscapes.NotText(bytes.Span) is { } problem)
            {
                throw new FormatException(problem); // bytes not UTF-8, or half a surrogate escaped: read as such, the file would not say what it says
            }

            using var document = JsonDocument.Parse(bytes);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            throw new FormatException($"{path}: cannot be read as a profile: {e.Message}");
        }
    }

    private static KitProfile Named(string name) =>
        KitProfile.TryNamed(name, out var profile) ? profile : throw new FormatException($"unknown profile '{name}'; built-in profiles: {string.Join(", ", KitProfile.BuiltIn.Select(p => p.Name))}");
}
