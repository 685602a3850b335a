namespace PauseResume.Conformance.Targets;

/// <summary>
/// A server over HTTP: the standalone simulator (its control API answers, so the kit controls it) or a real
/// recorder (observe-only, with the accounts it is given).
/// </summary>
internal sealed class HttpTarget : ITarget
{
    private readonly Uri root;

    private HttpTarget(Uri root, SimulatorControl? control, TimeSpan timeout)
    {
        this.root = root;
        Control = control;
        Timeout = timeout;
        Description = control is null ? $"recorder at {root}" : $"standalone simulator at {root}";
    }

    public string Description { get; }

    public SimulatorControl? Control { get; }

    public bool CanAdvanceTime => false;

    private TimeSpan Timeout { get; }

    /// <summary>Connects to <paramref name="root"/> and finds out whether it is the simulator (its control API answers).</summary>
    public static async Task<HttpTarget> ConnectAsync(Uri root, string? controlToken, CancellationToken cancellationToken)
    {
        root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        var probe = new HttpTarget(root, null, TimeSpan.FromSeconds(30));
        using var http = probe.CreateClient();
        if (controlToken is not null)
        {
            http.DefaultRequestHeaders.Add("X-Simulator-Token", controlToken);
        }

        try
        {
            using var reachable = await http.GetAsync("callrec/restful/couples.xml", cancellationToken); // read-only: 403 before login
            using var control = await http.GetAsync("simulator/profile", cancellationToken);
            if (!control.IsSuccessStatusCode)
            {
                return probe;
            }
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

        return new HttpTarget(root, new SimulatorControl(controlled), probe.Timeout);
    }

    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = root, Timeout = Timeout };

    public void AdvanceTime(TimeSpan by) => throw new NotSupportedException("only the in-process target's clock can be moved");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
