namespace PauseResume.Simulator.Domain;

/// <summary>A logged-in servlet session (SES-4); sessions that are not logged in are not kept.</summary>
internal sealed record Session(string Id, string Login, DateTimeOffset LastSeen);
