using System.Collections.Immutable;

namespace PauseResume.Conformance.Model;

/// <summary>An account as the model knows it: its rights decide every answer (the access rules of RECORDER-API.md).</summary>
internal sealed record ModelUser(string Login, string Password, bool CallList, bool PauseAndResume, ImmutableArray<string> Masks)
{
    /// <summary>
    /// The access rules: Call List, and the couple's calling or called number within a phone mask; which of the two the
    /// masks are matched against is inferred (<paramref name="maskSide"/>: either, calling, called).
    /// </summary>
    public bool MaySee(ModelCouple couple, string maskSide) =>
        CallList && (Masks.IsEmpty || Masks.Any(m => (maskSide != "called" && Model.Masks.Match(m, couple.CallingNumber)) || (maskSide != "calling" && Model.Masks.Match(m, couple.CalledNumber))));

    /// <summary>
    /// Whether how a recorder matches the phone masks (maskSide, maskScope: inferred) decides if this user may see
    /// <paramref name="couple"/>: the user has masks, the couple's numbers are known, and they are not both within the
    /// masks (a couple so matched is within them by any side and any scope).
    /// </summary>
    public bool MasksDecide(ModelCouple couple) =>
        Masks.Length > 0 && couple.Known && !(MaySee(couple, "calling") && MaySee(couple, "called"));

    public string Rights => (CallList, PauseAndResume) switch
    {
        (true, true) => "list,pause",
        (true, false) => "list",
        (false, true) => "pause",
        _ => "none",
    } + (Masks.IsEmpty ? string.Empty : $";masks={string.Join("|", Masks)}");
}
