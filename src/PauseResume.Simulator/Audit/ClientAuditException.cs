namespace PauseResume.Simulator.Audit;

/// <summary>Thrown by <see cref="ClientAudit.ShouldBeClean"/>; its message is the audit's text.</summary>
public sealed class ClientAuditException(string message) : Exception(message);
