namespace PauseResume.Conformance.Scenarios;

/// <summary>
/// What scenarios may do on a target: control its calls, let its sessions expire (on a real clock only in scenarios
/// aimed at SES-6, since each wait costs real time), pause its couples.
/// </summary>
internal sealed record Capabilities(bool Control, bool Clock, bool Pause, bool RealClock = false);
