namespace PauseResume.Conformance.Probe;

/// <summary>The profile file a probe writes, and one line per inferred rule for the console.</summary>
internal sealed record ProbeResult(string Json, IReadOnlyList<string> Summary);
