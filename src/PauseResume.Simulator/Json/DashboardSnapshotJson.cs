using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Json;

/// <summary>The dashboard's first event: the recorder's state and the request log as kept, in that order.</summary>
internal sealed record DashboardSnapshotJson(DashboardStateJson State, IReadOnlyList<RequestLogEntry> Log);
