namespace PauseResume.LoadRun;

/// <summary>What one wrk run measured; latencies in milliseconds.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50, double P99, long Requests, long NotSuccessful, string SocketErrors);
