using System.Collections.Frozen;

namespace PauseResume.Conformance.Profiles;

/// <summary>
/// The settings read from any profile while a scenario runs (<see cref="KitProfile"/>'s indexer notes each). A value of a
/// setting the model never read up to a failed check cannot change what the model expected there, so a diagnosis need
/// not replay the scenario to learn that it fails alike: on a real recorder paced at five requests a second, trying every
/// value of every setting took one and a half minutes for a failed login.
/// </summary>
internal sealed class ProfileReads
{
    private static readonly AsyncLocal<ProfileReads?> Current = new();

    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Notes every setting read from here on in this flow of work (an async method that calls it: until it returns).</summary>
    public static ProfileReads Begin() => Current.Value = new ProfileReads();

    public static void Note(string setting)
    {
        if (Current.Value is { } reads)
        {
            lock (reads.gate)
            {
                reads.read.Add(setting);
            }
        }
    }

    /// <summary>The settings read so far.</summary>
    public IReadOnlySet<string> Snapshot()
    {
        lock (gate)
        {
            return read.ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
