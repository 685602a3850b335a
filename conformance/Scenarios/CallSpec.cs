namespace PauseResume.Conformance.Scenarios;

/// <summary>A call to start: its numbers and IPs; with <paramref name="CallId"/>, the call its couple belongs to (a leg of a call another couple of the world shares).</summary>
internal sealed record CallSpec(string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp, long? CallId = null)
{
    public override string ToString() => $"{CallingNumber}→{CalledNumber}";
}
