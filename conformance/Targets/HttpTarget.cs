namespace PauseResume.Conformance.Targets;

/// <summary>
/// A server over HTTP: the standalone simulator (its control API answers, so the kit controls it) or a real
/// recorder (observe-only, with the accounts it is given).
/// </summary>
internal sealed class HttpTarget : ITarget
{
    private readonly Uri root;

    /// <summary>The roots <c>--ca-certificate</c> gave, trusted besides the system's; null: the system's only.</summary>
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2Collection? trusted;

    private HttpTarget(Uri root, SimulatorControl? control, TimeSpan timeout, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? trusted, bool manualClock = false, bool traffic = false)
    {
        this.root = root;
        this.trusted = trusted;
        Control = control;
        Timeout = timeout;
        Clock = control is null ? ClockKind.None : manualClock ? ClockKind.Virtual : ClockKind.Real;
        CallsComeAndGo = control is null || traffic;
        Description = control is null ? $"recorder at {root}" : $"standalone simulator at {root}";
    }

    public string Description { get; }

    public SimulatorControl? Control { get; }

    /// <summary>
    /// A standalone simulator whose clock is manual is moved through its control API (<c>POST /simulator/clock/advance</c>);
    /// on any other clock its sessions expire in real time, with the idle timeout the kit sets for the run.
    /// </summary>
    public ClockKind Clock { get; }

    /// <summary>A real recorder's calls, and a simulator's whose traffic runs when the kit connects, come and go on their own.</summary>
    public bool CallsComeAndGo { get; }

    private TimeSpan Timeout { get; }

    /// <summary>How long the simulator's control API is waited for: the simulator answers it at once.</summary>
    internal static readonly TimeSpan ControlApiWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The answer to <c>GET simulator/profile</c>, or null where none came within <see cref="ControlApiWait"/> or the
    /// connection failed: a recorder that never answers a path it does not know (or drops it) is no simulator, and the
    /// kit goes on with it as with any real recorder (such a recorder ended every run with "did not answer in time").
    /// </summary>
    private static async Task<HttpResponseMessage?> ControlApiAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ControlApiWait);
        try
        {
            return await http.GetAsync("simulator/profile", bounded.Token);
        }
        catch (Exception e) when ((e is OperationCanceledException && !cancellationToken.IsCancellationRequested) || (e is HttpRequestException && !TrustedCertificates.IsCertificateRefusal((HttpRequestException)e)))
        {
            return null;
        }
    }

    /// <summary>
    /// Connects to <paramref name="root"/> and finds out whether it is the simulator (its control API answers);
    /// <paramref name="observeOnly"/> treats even a simulator as a real recorder. Over HTTPS, <paramref name="trusted"/>
    /// adds roots to the system's (a recorder's self-signed certificate, or its company CA's).
    /// </summary>
    public static async Task<HttpTarget> ConnectAsync(
        Uri root, string? controlToken, CancellationToken cancellationToken, bool observeOnly = false, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? trusted = null)
    {
        root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        var probe = new HttpTarget(root, null, TimeSpan.FromSeconds(30), trusted);
        System.Text.Json.Nodes.JsonObject? serverProfile = null;
        var manualClock = false;
        var traffic = false;
        using var http = probe.CreateClient();
        if (controlToken is not null)
        {
            http.DefaultRequestHeaders.Add("X-Simulator-Token", controlToken);
        }

        try
        {
            using var reachable = await http.GetAsync("callrec/restful/couples.xml", cancellationToken); // read-only: 403 before login
            if (Moved(reachable, root) is { } elsewhere)
            {
                // An http URL answered with a redirect to https (or to another host or port): every request would be answered
                // so, and the kit follows no redirect (the API's answers are its to judge), so no rule could be checked.
                throw new TargetException($"the target {root} redirects {reachable.RequestMessage!.RequestUri!.AbsolutePath} to {elsewhere} ({(int)reachable.StatusCode}): give --target {elsewhere.GetLeftPart(UriPartial.Authority)}{root.AbsolutePath}");
            }
            if (observeOnly)
            {
                return probe;
            }

            using var control = await ControlApiAsync(http, cancellationToken);
            if (control is null)
            {
                return probe;
            }

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
            var clockMode = await ReadAsync(http, "simulator/clock", "mode", cancellationToken) is System.Text.Json.Nodes.JsonValue mode && mode.TryGetValue<string>(out var m) ? m : null;
            if (clockMode == "scaled")
            {
                // Sessions would expire at the simulator's pace, not at the pace the kit times them (SES-6): a scenario's
                // 403s would then be blamed on documented rules.
                throw new TargetException($"the simulator at {root} runs a scaled clock: set it to real or manual for a conformance run "
                                          + "(PUT /simulator/clock {\"mode\":\"manual\"}, or start it with --clock manual)");
            }

            manualClock = clockMode == "manual";
            traffic = await ReadAsync(http, "simulator/traffic", "running", cancellationToken) is System.Text.Json.Nodes.JsonValue running && running.TryGetValue<bool>(out var r) && r;
        }
        catch (HttpRequestException e) when (TrustedCertificates.IsCertificateRefusal(e))
        {
            throw new TargetException(
                $"the target {root} answered, but its certificate is not trusted ({e.InnerException!.Message}): "
                + (trusted is null
                    ? "give the recorder's certificate, or the CA certificate that signed it, with --ca-certificate PATH (PEM or DER)"
                    : "the certificates given with --ca-certificate are not its root either, or it was issued for another host name than the URL's"), e);
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

        return new HttpTarget(root, new SimulatorControl(controlled) { ServerProfile = serverProfile }, probe.Timeout, trusted, manualClock, traffic);
    }

    /// <summary>Where a redirect sends the request, when it is to another scheme, host or port; null for any other answer.</summary>
    private static Uri? Moved(HttpResponseMessage answer, Uri root) =>
        (int)answer.StatusCode is 301 or 302 or 303 or 307 or 308 && answer.Headers.Location is { } location
        && new Uri(answer.RequestMessage?.RequestUri ?? root, location) is var target
        && !string.Equals(target.GetLeftPart(UriPartial.Authority), root.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? target
            : null;

    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustedCertificates.Validator(trusted);
        }

        return new HttpClient(handler) { BaseAddress = root, Timeout = Timeout };
    }

    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) =>
        Control is null ? throw new NotSupportedException("a real recorder's clock cannot be moved")
        : Clock == ClockKind.Virtual ? Control.AdvanceClockAsync(by, cancellationToken)
        : Task.Delay(by, cancellationToken);

    /// <summary>
    /// One property of a control API resource (the clock's mode, whether traffic runs), or null when the simulator has no
    /// such resource: one without a clock runs in real time, one without traffic has only the kit's calls.
    /// </summary>
    private static async Task<System.Text.Json.Nodes.JsonNode?> ReadAsync(HttpClient http, string path, string property, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(path, cancellationToken);
        return answer.IsSuccessStatusCode && answer.Content.Headers.ContentType?.MediaType == "application/json"
            ? (System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken)) as System.Text.Json.Nodes.JsonObject)?[property]
            : null;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
