namespace PauseResume.Conformance.Targets;

/// <summary>
/// A server over HTTP: the standalone simulator (its control API answers, so the kit controls it) or a real
/// recorder (observe-only, with the accounts it is given).
/// </summary>
internal sealed class HttpTarget : ITarget
{
    private readonly Uri root;

    private HttpTarget(Uri root, SimulatorControl? control, TimeSpan timeout, bool manualClock = false)
    {
        this.root = root;
        Control = control;
        Timeout = timeout;
        Clock = control is null ? ClockKind.None : manualClock ? ClockKind.Virtual : ClockKind.Real;
        Description = control is null ? $"recorder at {root}" : $"standalone simulator at {root}";
    }

    public string Description { get; }

    public SimulatorControl? Control { get; }

    /// <summary>
    /// A standalone simulator whose clock is manual is moved through its control API (<c>POST /simulator/clock/advance</c>);
    /// on any other clock its sessions expire in real time, with the idle timeout the kit sets for the run.
    /// </summary>
    public ClockKind Clock { get; }

    private TimeSpan Timeout { get; }

    /// <summary>
    /// Connects to <paramref name="root"/> and finds out whether it is the simulator (its control API answers);
    /// <paramref name="observeOnly"/> treats even a simulator as a real recorder.
    /// </summary>
    public static async Task<HttpTarget> ConnectAsync(Uri root, string? controlToken, CancellationToken cancellationToken, bool observeOnly = false)
    {
        root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        var probe = new HttpTarget(root, null, TimeSpan.FromSeconds(30));
        System.Text.Json.Nodes.JsonObject? serverProfile = null;
        var manualClock = false;
        using var http = probe.CreateClient();
        if (controlToken is not null)
        {
            http.DefaultRequestHeaders.Add("X-Simulator-Token", controlToken);
        }

        try
        {
            using var reachable = await http.GetAsync("callrec/restful/couples.xml", cancellationToken); // read-only: 403 before login
            if (observeOnly)
            {
                return probe;
            }

            using var control = await http.GetAsync("simulator/profile", cancellationToken);
            if (control.StatusCode == System.Net.HttpStatusCode.Unauthorized && control.Headers.WwwAuthenticate.Any(c => c.Parameter?.Contains("simulator", StringComparison.Ordinal) == true))
            {
                throw new TargetException(controlToken is null
                    ? $"the simulator's control API at {root}simulator answered {(int)control.StatusCode}: it needs a token; pass it with --control-token"
                    : $"the simulator's control API at {root}simulator refused the token given with --control-token ({(int)control.StatusCode})");
            }

            if (!control.IsSuccessStatusCode || control.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return probe;
            }

            serverProfile = System.Text.Json.Nodes.JsonNode.Parse(await control.Content.ReadAsStringAsync(cancellationToken)) as System.Text.Json.Nodes.JsonObject;
            manualClock = await IsManualAsync(http, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new TargetException($"the target {root} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TargetException($"the target {root} did not answer in time", e);
        }

        var controlled = probe.CreateClient();
        if (controlToken is not null)
        {
            controlled.DefaultRequestHeaders.Add("X-Simulator-Token", controlToken);
        }

        return new HttpTarget(root, new SimulatorControl(controlled) { ServerProfile = serverProfile }, probe.Timeout, manualClock);
    }

    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = root, Timeout = Timeout };

    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) =>
        Control is null ? throw new NotSupportedException("a real recorder's clock cannot be moved")
        : Clock == ClockKind.Virtual ? Control.AdvanceClockAsync(by, cancellationToken)
        : Task.Delay(by, cancellationToken);

    /// <summary>Whether the simulator's clock is manual; a simulator without a clock endpoint runs in real time.</summary>
    private static async Task<bool> IsManualAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var clock = await http.GetAsync("simulator/clock", cancellationToken);
        if (!clock.IsSuccessStatusCode || clock.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        var mode = System.Text.Json.Nodes.JsonNode.Parse(await clock.Content.ReadAsStringAsync(cancellationToken))?["mode"];
        return mode is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) && text == "manual";
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
