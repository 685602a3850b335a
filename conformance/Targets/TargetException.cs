namespace PauseResume.Conformance.Targets;

/// <summary>The target cannot be used (unreachable, or its control API refused): a usage problem, not a broken rule.</summary>
internal sealed class TargetException(string message, Exception? inner = null) : Exception(message, inner);
