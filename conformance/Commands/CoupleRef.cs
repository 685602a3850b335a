using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// Which couple a step means: an index into the couples the model knows at that moment (so a step stays valid
/// when shrinking removes others), or a couple that does not exist.
/// </summary>
internal sealed record CoupleRef(int Index)
{
    public const long Nonexistent = 987654321;

    public static CoupleRef Missing { get; } = new(-1);

    public long Resolve(ModelState model, IReadOnlySet<long>? among = null)
    {
        var ids = model.Couples.Keys.Where(id => among is null || among.Contains(id)).ToList();
        return Index < 0 || ids.Count == 0 ? Nonexistent : ids[Index % ids.Count];
    }

    public override string ToString() => Index < 0 ? "no such couple" : $"couple #{Index}";
}
