namespace PauseResume.Conformance.Model;

/// <summary>A couple as the model knows it. On a real recorder the numbers may be unknown (null access then is unknown).</summary>
internal sealed record ModelCouple(long Id, long CallId, string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp, bool Paused, bool Ended)
{
    public bool Known => CallingNumber.Length > 0 || CalledNumber.Length > 0;
}
