using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Which couple a step means: an index into the couples the model knows at that moment (so a step stays valid
/// when shrinking removes others), or a couple that does not exist. With <see cref="PausedFirst"/>, an index into the
/// couples in progress that are paused where there is one.
/// </summary>
internal sealed record CoupleRef(int Index, bool PausedFirst = false)
{
    public const long Nonexistent = 987654321;

    public static CoupleRef Missing { get; } = new(-1);

    /// <summary>The couple meant, of those in <paramref name="among"/> where given.</summary>
    public long Resolve(ModelState model, IReadOnlySet<long>? among = null)
    {
        var ids = model.Couples.Keys.Where(id => among is null || among.Contains(id)).ToList();
        if (PausedFirst && ids.Where(id => model.Couples[id] is { Ended: false, Paused: true }).ToList() is { Count: > 0 } paused)
        {
            ids = paused;
        }

        return Index < 0 || ids.Count == 0 ? Nonexistent : ids[Index % ids.Count];
    }

    public override string ToString() => Index < 0 ? "no such couple" : PausedFirst ? $"couple #{Index} of the paused ones" : $"couple #{Index}";
}
