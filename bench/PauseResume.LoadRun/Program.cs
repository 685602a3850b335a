using PauseResume.LoadRun;

// One command, three roles: the load run itself (default), and the two servers it starts as child processes so that
// every server under load runs in a process of its own, as the simulator does.
return args switch
{
    ["serve-baseline", var body] => await BaselineServer.RunAsync(body, StatusCodes.Status200OK),
    ["serve-baseline", var body, var status] => await BaselineServer.RunAsync(body, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)),
    ["serve-wiremock", var body] => await WireMockPeer.RunAsync(body),
    ["--startup", .. var startup] => await StartupRun.RunAsync(startup),
    _ when LoadRunOptions.Parse(args, out _) is { WorldSize: { } size } options => await WorldSizeRun.RunAsync(options, size),
    _ when LoadRunOptions.Parse(args, out var error) is { } options => await LoadRun.RunAsync(options),
    _ => Usage(LoadRunOptions.Parse(args, out var error) is null ? error : null),
};

static int Usage(string? error)
{
    (error is null ? Console.Out : Console.Error).WriteLine((error is null ? string.Empty : $"error: {error}\n\n") + LoadRunOptions.Usage);
    return error is null ? 0 : 2;
}
