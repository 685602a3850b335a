namespace PauseResume.Conformance.Scenarios;

/// <summary>A call to start: its numbers and IPs.</summary>
internal sealed record CallSpec(string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp)
{
    public override string ToString() => $"{CallingNumber}→{CalledNumber}";
}
