namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// The documented procedure done right, for the audit's tests: a login with a cookie, checked by a list (SES-2, SES-3),
/// details and pausedState only through the documents' links (LST-5, DET-2), <c>paused=true|false</c> exactly (PSE-2).
/// </summary>
internal sealed class CarefulClient(HttpClient http)
{
    public LegacyClient Legacy { get; } = new(http);

    /// <summary>Logs in and checks it with a list that matches nothing; true if the login took.</summary>
    public async Task<bool> LogInAsync(string login, string password)
    {
        await Legacy.LoginAsync(login, password);
        var check = await Legacy.ListAsync("phoneNumber=no-such-number");
        return check.IsSuccessStatusCode;
    }

    /// <summary>Pauses or resumes the couples of <paramref name="phoneNumber"/> through the links, never by a built path.</summary>
    public async Task<int> SetPausedAsync(string phoneNumber, bool paused)
    {
        var changed = 0;
        var listed = await Documents.ListAsync(await Legacy.ListAsync($"phoneNumber={phoneNumber}"));
        foreach (var self in listed.Select(c => c.SelfHref).OfType<string>())
        {
            var details = await Documents.DetailsAsync(await Legacy.SendAsync(HttpMethod.Get, self));
            if (Documents.Href(details, "pausedState") is { } pausedState)
            {
                using var body = new FormUrlEncodedContent([new("paused", paused ? "true" : "false")]);
                var answer = await Legacy.SendAsync(HttpMethod.Post, pausedState, body);
                changed += answer.IsSuccessStatusCode ? 1 : 0;
            }
        }

        return changed;
    }

    public Task LogOutAsync() => Legacy.LogoutAsync();
}
