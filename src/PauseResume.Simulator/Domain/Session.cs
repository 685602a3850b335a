namespace PauseResume.Simulator.Domain;

/// <summary>
/// A servlet session (SES-4): logged in as <see cref="Login"/>, or known but not logged in (null), which only the
/// profile's <c>loginSessionId=kept</c> keeps.
/// </summary>
internal sealed record Session(string Id, string? Login, DateTimeOffset LastSeen);
