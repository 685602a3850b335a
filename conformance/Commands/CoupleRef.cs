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

    public long Resolve(ModelState model, IReadOnlySet<long>? among = null)
    {
        among ??= PausedFirst ? Paused(model) : null;
        var ids = model.Couples.Keys.Where(id => among is null || among.Contains(id)).ToList();
        return Index < 0 || ids.Count == 0 ? Nonexistent : ids[Index % ids.Count];
    }

    /// <summary>The couples in progress that are paused; null (every couple) where none is.</summary>
    private static HashSet<long>? Paused(ModelState model) =>
        model.InProgress.Where(c => c.Paused).Select(c => c.Id).ToHashSet() is { Count: > 0 } paused ? paused : null;

    public override string ToString() => Index < 0 ? "no such couple" : PausedFirst ? $"couple #{Index} of the paused ones" : $"couple #{Index}";
}
