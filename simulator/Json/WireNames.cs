using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>The recorder's own spelling of its enumerations (upper case on the wire) and of the permissions.</summary>
public static class WireNames
{
    public static string Of(Direction direction) => direction.ToString().ToUpperInvariant();

    public static string Of(CoupleType type) => type.ToString().ToUpperInvariant();

    public static IReadOnlyList<string> Of(Permissions permissions) =>
        Enum.GetValues<Permissions>().Where(p => p != Permissions.None && permissions.HasFlag(p)).Select(p => p.ToString()).ToList();

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static string Choices<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => typeof(T) == typeof(Permissions) ? n : n.ToUpperInvariant()));
}
