namespace PauseResume.Simulator.Http;

/// <summary>
/// One request of the log as fields rather than a line, for a view that filters by user, rule or status. The path
/// carries the query string with passwords masked, as the line does; <see cref="Rule"/> is null for a control request.
/// </summary>
/// <param name="Sequence">Counts from 1 in the order the requests were logged, so a reader can ask for what came after.</param>
/// <param name="User">The login the request was decided for (for a login, the one it tried), when there was one.</param>
public sealed record RequestLogEntry(
    long Sequence, DateTimeOffset Time, string Method, string Path, int Status, string? Rule, string? User, string Why);
