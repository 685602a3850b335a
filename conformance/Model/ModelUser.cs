using System.Collections.Immutable;

namespace PauseResume.Conformance.Model;

/// <summary>An account as the model knows it: its rights decide every answer (the access rules of RECORDER-API.md).</summary>
internal sealed record ModelUser(string Login, string Password, bool CallList, bool PauseAndResume, ImmutableArray<string> Masks)
{
    public bool MaySee(ModelCouple couple) =>
        CallList && (Masks.IsEmpty || Masks.Any(m => Model.Masks.Match(m, couple.CallingNumber) || Model.Masks.Match(m, couple.CalledNumber)));

    public bool MayPause(ModelCouple couple) => MaySee(couple) && PauseAndResume;

    /// <summary>
    /// The masks decide the couple beyond doubt: no masks, or both numbers on the same side of them. Which number a
    /// mask applies to is our inference, so where only one number matches, a verdict on access is an inferred one.
    /// </summary>
    public bool Decides(ModelCouple couple) =>
        Masks.IsEmpty || Masks.Any(m => Model.Masks.Match(m, couple.CallingNumber)) == Masks.Any(m => Model.Masks.Match(m, couple.CalledNumber));

    public string Rights => (CallList, PauseAndResume) switch
    {
        (true, true) => "list,pause",
        (true, false) => "list",
        (false, true) => "pause",
        _ => "none",
    } + (Masks.IsEmpty ? string.Empty : $";masks={string.Join("|", Masks)}");
}
