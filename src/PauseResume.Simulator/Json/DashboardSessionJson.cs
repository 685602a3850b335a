using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// A logged-in session on the dashboard. The id is cut to its first characters: enough to tell two sessions of one
/// login apart, never enough to use one (anyone who can see the page could otherwise act as that user).
/// </summary>
internal sealed record DashboardSessionJson(string Session, string Login, DateTimeOffset LastSeen)
{
    public const int ShownCharacters = 4;

    public static DashboardSessionJson From(Session session) =>
        new(Shorten(session.Id), session.Login!, session.LastSeen);

    public static string Shorten(string sessionId) => sessionId[..Math.Min(ShownCharacters, sessionId.Length)] + "…";
}
