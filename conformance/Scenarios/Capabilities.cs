namespace PauseResume.Conformance.Scenarios;

/// <summary>What scenarios may do on a target: control its calls, move its clock, pause its couples.</summary>
internal sealed record Capabilities(bool Control, bool Clock, bool Pause);
