using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// One list filter (LST-3): a value picked from the numbers or IPs the model knows (or one that matches nothing, or a
/// prefix that must not match, LST-6), and a direction that may be absent, valid or invalid.
/// </summary>
internal sealed record FilterSpec(ValueKind Value, int Index, string? Direction)
{
    /// <summary>No filter of this kind at all.</summary>
    public static readonly FilterSpec None = new(ValueKind.None, 0, null);

    public static readonly string[] ValidDirections = ["CALLING", "CALLED", "BOTH"];
    /// <summary>
    /// Directions LST-3 does not name: each of its words in another case (read as that word under directionCase=any,
    /// LST-6), another word, and an empty value.
    /// </summary>
    public static readonly string[] InvalidDirections = ["calling", "EITHER", "Both", "", "Called"];

    /// <summary>LST-3's three words; a direction without its value is read only under directionWithoutValue=checked.</summary>
    public bool DirectionValid(bool hasValue, Profiles.KitProfile profile) =>
        Read(profile) is not { } direction || ValidDirections.Contains(direction) || (!hasValue && !profile.DirectionCheckedWithoutValue);

    /// <summary>
    /// The direction as the server reads it (LST-6): as sent under directionCase=exact; under any, one of the three words
    /// in any case as that word; an empty value as none (BOTH) under emptyDirection=none.
    /// </summary>
    public string? Read(Profiles.KitProfile profile) =>
        Direction is null ? null
        : Direction.Length == 0 ? (profile.EmptyDirectionIsNone ? null : Direction)
        : !profile.DirectionsInAnyCase ? Direction
        : ValidDirections.FirstOrDefault(d => string.Equals(d, Direction, StringComparison.OrdinalIgnoreCase)) ?? Direction;

    /// <summary>
    /// The value to filter by. With a direction of one side, every other pick is a value that stands on both sides
    /// (calling in one couple, called in another) when there is one: only such a value tells a direction that is read
    /// from one that is ignored (LST-3). One pick in four is a value that three or more couples carry on the same side
    /// (a gateway's IP, a conference's number), when there is one: every one of them must be listed. With a direction of
    /// one side, the picks 1, 5 and 9 are a value that only the other side of the couples the user may see carries, when
    /// there is one: a server that lists those couples reads the direction as BOTH.
    /// </summary>
    public string? Resolve(IReadOnlyList<string> known, IReadOnlyList<string> onBothSides, IReadOnlyList<string> ofEnded, IReadOnlyList<string> crowded, IReadOnlyList<string> onlyOnOtherSide) => Value switch
    {
        ValueKind.None => null,
        ValueKind.Nonexistent => "0000000",
        ValueKind.OfEnded when ofEnded.Count > 0 => ofEnded[Index % ofEnded.Count],
        _ when known.Count == 0 => "0000000",
        ValueKind.Fragment => known[Index % known.Count] is var whole && (Index % 2 == 0 || whole.Length < 3) ? whole[..^1] : whole[1..^1],
        ValueKind.Known when Direction is "CALLING" or "CALLED" && Index % 2 == 0 && onBothSides.Count > 0 => onBothSides[Index / 2 % onBothSides.Count],
        ValueKind.Known when Direction is "CALLING" or "CALLED" && Index % 4 == 1 && onlyOnOtherSide.Count > 0 => onlyOnOtherSide[Index / 4 % onlyOnOtherSide.Count],
        ValueKind.Known when Index % 4 == 3 && crowded.Count > 0 => crowded[Index / 4 % crowded.Count],
        _ => known[Index % known.Count],
    };

    /// <summary>
    /// LST-3/LST-6: a match on the side the direction names; absent or BOTH is either side. As filterMatch says: the whole
    /// number or address (<c>exact</c>), its start (<c>prefix</c>) or any part (<c>part</c>), as SQL's LIKE may match it.
    /// </summary>
    public static bool Matches(string? value, string? direction, string? calling, string? called, string match = "exact")
    {
        bool Side(string? side) => side is not null && (value!.Length == 0 || match == "exact" ? string.Equals(side, value, StringComparison.Ordinal)
            : match == "prefix" ? side.StartsWith(value, StringComparison.Ordinal) : side.Contains(value, StringComparison.Ordinal));
        return value is null || (direction is null or "BOTH" or "CALLING" && Side(calling)) || (direction is null or "BOTH" or "CALLED" && Side(called));
    }

    public override string ToString() => $"{Value}{(Value is ValueKind.Known or ValueKind.Fragment or ValueKind.OfEnded ? $"#{Index}" : string.Empty)}{(Direction is null ? string.Empty : $"/{(Direction.Length == 0 ? "''" : Direction)}")}";
}
