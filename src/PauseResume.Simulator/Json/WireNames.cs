using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>The recorder's own spelling of its enumerations (upper case on the wire) and of the permissions.</summary>
public static class WireNames
{
    public static string Of(Direction direction) => direction.ToString().ToUpperInvariant();

    public static string Of(CoupleType type) => type.ToString().ToUpperInvariant();

    public static IReadOnlyList<string> Of(Permissions permissions) =>
        Enum.GetValues<Permissions>().Where(p => p != Permissions.None && permissions.HasFlag(p)).Select(p => p.ToString()).ToList();

    /// <summary>
    /// One whole name of <typeparamref name="T"/>, in any case; unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
    /// no number, no surrounding spaces and no comma-joined flags (<c>"incoming,outgoing"</c> would read as INTERNAL).
    /// </summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var (name, named) in Names<T>.All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = named;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Choices<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => typeof(T) == typeof(Permissions) ? n : n.ToUpperInvariant()));

    // Read once per type: a world file names a direction on each of its calls, a million of them for a large world.
    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly (string Name, T Value)[] All = [.. Enum.GetNames<T>().Select(n => (n, Enum.Parse<T>(n)))];
    }
}
