using System.Collections.Immutable;

namespace PauseResume.Conformance.Model;

/// <summary>An account as the model knows it: its rights decide every answer (the access rules of RECORDER-API.md).</summary>
internal sealed record ModelUser(string Login, string Password, bool CallList, bool PauseAndResume, ImmutableArray<string> Masks)
{
    public bool MaySee(ModelCouple couple) =>
        CallList && (Masks.IsEmpty || Masks.Any(m => Model.Masks.Match(m, couple.CallingNumber) || Model.Masks.Match(m, couple.CalledNumber)));

    public bool MayPause(ModelCouple couple) => MaySee(couple) && PauseAndResume;

    public string Rights => (CallList, PauseAndResume) switch
    {
        (true, true) => "list,pause",
        (true, false) => "list",
        (false, true) => "pause",
        _ => "none",
    } + (Masks.IsEmpty ? string.Empty : $";masks={string.Join("|", Masks)}");
}
