namespace PauseResume.LoadRun;

/// <summary>Milliseconds from just before the process started until it printed where it listens, and until its first answer.</summary>
public sealed record StartupTime(double ListeningMs, double AnsweredMs);
