namespace PauseResume.Simulator.Http;

/// <summary>Marks the one endpoint (the dashboard's page) where the control token may come as <c>?token=</c>.</summary>
internal sealed record TokenInQuery;
