using System.Text.Json;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// A profile in JSON: a built-in name (<c>"jaxrs-lenient"</c>) or an object whose optional <c>name</c> picks the base
/// profile (a name that is not built-in is the default profile under that name) and whose other members override settings (<c>{"name": "default", "sessionIdleTimeout": "5"}</c>); a member
/// <c>probe</c> (what the conformance kit observed on a real recorder) is ignored.
/// </summary>
public static class ProfileJson
{
    public static Checked<RecorderProfile> Read(JsonElement? json, RecorderProfile current)
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return Checked<RecorderProfile>.Ok(current);
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return Named(element.GetString()!);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return Checked<RecorderProfile>.Fail("must be a profile name or an object of settings");
        }

        // A member given twice (in any case, as settings are matched) is a file that says two things: a mistake, not a
        // choice for the later one.
        if (element.EnumerateObject().GroupBy(p => RecorderProfile.Key(p.Name), StringComparer.Ordinal).FirstOrDefault(g => g.Skip(1).Any()) is { } twice)
        {
            return Checked<RecorderProfile>.Fail($"{Http.ClientText.Escaped(twice.First().Name)} is given more than once: a profile gives each setting once");
        }

        var profile = current;
        if (element.TryGetProperty("name", out var name))
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return Checked<RecorderProfile>.Fail("name must be a string");
            }

            // A built-in name is the base the other members change; any other name (a probed profile's, say) names a
            // profile made of the default and the members given.
            profile = RecorderProfile.TryNamed(name.GetString()!, out var named) ? named : RecorderProfile.Default with { Name = name.GetString()! };
        }

        // "probe" holds what a conformance probe observed: for people to read, not a setting. The one setting of earlier
        // files that two replaced goes first, so either of those in the same file wins wherever it stands.
        foreach (var setting in element.EnumerateObject().Where(p => p.Name is not "name" and not "probe").OrderBy(p => RecorderProfile.IsReplacedSetting(p.Name) ? 0 : 1))
        {
            var value = setting.Value.ValueKind switch
            {
                JsonValueKind.String => setting.Value.GetString()!,
                JsonValueKind.Number => setting.Value.GetRawText(),
                _ => null,
            };
            var change = value is null
                ? new ProfileChange(null, $"{setting.Name} must be a string or a number")
                : profile.With(setting.Name, value);
            if (change.Error is not null)
            {
                return Checked<RecorderProfile>.Fail(change.Error);
            }

            profile = change.Profile!;
        }

        return Checked<RecorderProfile>.Ok(profile);
    }

    public static Dictionary<string, string> Write(RecorderProfile profile) =>
        new(profile.Settings()) { ["name"] = profile.Name };

    private static Checked<RecorderProfile> Named(string name) =>
        RecorderProfile.TryNamed(name, out var profile)
            ? Checked<RecorderProfile>.Ok(profile)
            : Checked<RecorderProfile>.Fail($"unknown profile '{name}'; built-in profiles: {string.Join(", ", RecorderProfile.BuiltIn.Select(p => p.Name))}");
}
