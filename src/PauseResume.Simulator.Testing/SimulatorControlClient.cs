using System.Globalization;
using System.Net.Http.Json;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// A typed client of the simulator's <c>/simulator</c> control API, for an in-process <see cref="FakeRecorder"/>
/// (<see cref="FakeRecorder.CreateControlClient"/>) or a standalone simulator (an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the simulator's). A refusal is a <see cref="SimulatorControlException"/>
/// carrying the status and the simulator's one-line reason.
/// </summary>
public sealed class SimulatorControlClient(HttpClient http, string? token = null)
{
    private const string Root = "simulator";

    /// <summary>The couples in progress, and the ended ones too when <paramref name="includeEnded"/>.</summary>
    public async Task<IReadOnlyList<CoupleJson>> ListCallsAsync(bool includeEnded = false, CancellationToken cancellationToken = default) =>
        await SendAsync<List<CoupleJson>>(HttpMethod.Get, $"{Root}/calls" + (includeEnded ? "?ended=true" : string.Empty), null, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a call; the answer carries its couple id and call id.</summary>
    public Task<CoupleJson> StartCallAsync(CallJson call, CancellationToken cancellationToken = default) =>
        SendAsync<CoupleJson>(HttpMethod.Post, $"{Root}/calls", call, cancellationToken);

    /// <summary>One couple, in progress or ended, with its paused state and pause history.</summary>
    public Task<CoupleJson> GetCallAsync(long coupleId, CancellationToken cancellationToken = default) =>
        SendAsync<CoupleJson>(HttpMethod.Get, $"{Root}/calls/{Id(coupleId)}", null, cancellationToken);

    /// <summary>Ends a call in progress: it is no longer listed (LST-7), its history stays readable.</summary>
    public Task EndCallAsync(long coupleId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{Root}/calls/{Id(coupleId)}", null, cancellationToken);

    /// <summary>The users, without their passwords.</summary>
    public async Task<IReadOnlyList<UserJson>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<List<UserJson>>(HttpMethod.Get, $"{Root}/users", null, cancellationToken).ConfigureAwait(false);

    /// <summary>Adds a user, or replaces the one with the same login.</summary>
    public Task<UserJson> PutUserAsync(UserJson user, CancellationToken cancellationToken = default) =>
        SendAsync<UserJson>(HttpMethod.Post, $"{Root}/users", user, cancellationToken);

    /// <summary>Ends every session and returns to <paramref name="world"/>, or to the world the simulator started from when null.</summary>
    public Task ResetAsync(WorldJson? world = null, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"{Root}/reset", world, cancellationToken);

    /// <summary>The profile's name and settings, by their names in world files.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetProfileAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<Dictionary<string, string>>(HttpMethod.Get, $"{Root}/profile", null, cancellationToken).ConfigureAwait(false);

    /// <summary>Changes some settings (or <c>name</c>, to start from a built-in profile); answers the whole profile.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ChangeProfileAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default) =>
        await SendAsync<Dictionary<string, string>>(HttpMethod.Patch, $"{Root}/profile", new Dictionary<string, string>(settings), cancellationToken).ConfigureAwait(false);

    /// <summary>The latest request log lines, oldest first.</summary>
    public async Task<IReadOnlyList<string>> LogAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<List<string>>(HttpMethod.Get, $"{Root}/log", null, cancellationToken).ConfigureAwait(false);

    /// <summary>The client audit of the requests served so far.</summary>
    public Task<AuditJson> AuditAsync(CancellationToken cancellationToken = default) =>
        SendAsync<AuditJson>(HttpMethod.Get, $"{Root}/audit", null, cancellationToken);

    /// <summary>The simulator's clock: its mode, pace and time.</summary>
    public Task<ClockJson> GetClockAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClockJson>(HttpMethod.Get, $"{Root}/clock", null, cancellationToken);

    /// <summary>Switches the clock to real, manual, or scaled with a scale; the time goes on from where it stands.</summary>
    public Task<ClockJson> SetClockAsync(ClockChangeJson clock, CancellationToken cancellationToken = default) =>
        SendAsync<ClockJson>(HttpMethod.Put, $"{Root}/clock", clock, cancellationToken);

    /// <summary>Moves a manual clock on (a 409 when it is not manual), firing what falls due on the way in time order.</summary>
    public Task<ClockJson> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        SendAsync<ClockJson>(HttpMethod.Post, $"{Root}/clock/advance", new AdvanceJson(by.TotalSeconds), cancellationToken);

    /// <summary>The traffic's settings, whether it runs, and the couples it started and ended.</summary>
    public Task<TrafficJson> GetTrafficAsync(CancellationToken cancellationToken = default) =>
        SendAsync<TrafficJson>(HttpMethod.Get, $"{Root}/traffic", null, cancellationToken);

    /// <summary>Changes the settings given (and starts or stops the traffic with <c>Running</c>); the rest is kept.</summary>
    public Task<TrafficJson> ChangeTrafficAsync(TrafficChangeJson change, CancellationToken cancellationToken = default) =>
        SendAsync<TrafficJson>(HttpMethod.Put, $"{Root}/traffic", change, cancellationToken);

    /// <summary>Stops arrivals; calls under way end at their scheduled time.</summary>
    public Task StopTrafficAsync(CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{Root}/traffic", null, cancellationToken);
    /// <summary>The faults switched on, each with how many requests it has hit.</summary>
    public async Task<IReadOnlyList<FaultJson>> ListFaultsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync<List<FaultJson>>(HttpMethod.Get, $"{Root}/faults", null, cancellationToken).ConfigureAwait(false);

    /// <summary>Switches a fault on the legacy API on; a taken name is a 409, a fault the simulator cannot switch on a 400.</summary>
    public Task<FaultJson> AddFaultAsync(FaultJson fault, CancellationToken cancellationToken = default) =>
        SendAsync<FaultJson>(HttpMethod.Post, $"{Root}/faults", fault, cancellationToken);

    /// <summary>Switches the fault named <paramref name="name"/> off; none of that name is a 404.</summary>
    public Task RemoveFaultAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{Root}/faults/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Switches every fault off.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{Root}/faults", null, cancellationToken);

    private static string Id(long coupleId) => coupleId.ToString(CultureInfo.InvariantCulture);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // The simulator's generated JSON metadata knows its own types only: a body is always one of them (a profile's
            // settings are copied into a Dictionary, whatever dictionary the caller gave).
            request.Content = JsonContent.Create(body, body.GetType(), options: JsonDefaults.Options);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Simulator-Token", token);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new SimulatorControlException((int)response.StatusCode, $"{method} /{path} → {(int)response.StatusCode}: {reason.Trim()}");
        }

        if (typeof(T) == typeof(object))
        {
            return default!;
        }

        return await response.Content.ReadFromJsonAsync<T>(JsonDefaults.Options, cancellationToken).ConfigureAwait(false)
               ?? throw new SimulatorControlException((int)response.StatusCode, $"{method} /{path}: the answer had no JSON body");
    }
}
