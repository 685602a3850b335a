namespace PauseResume.Conformance.Scenarios;

/// <summary>
/// What scenarios may do on a target: control its calls, let its sessions expire (on a real clock only in scenarios
/// aimed at SES-6, since each wait costs real time), pause its couples, send wrong credentials to its accounts (on a
/// real recorder only when the user allows it: with a lockout policy they would lock the integrator's accounts).
/// </summary>
internal sealed record Capabilities(bool Control, bool Clock, bool Pause, bool RealClock = false, bool WrongPasswords = false);
