using PauseResume.Simulator.Hosting;

var commandLine = CommandLine.Read(args, TimeProvider.System.GetUtcNow());
if (commandLine.Options is not { } options)
{
    return await commandLine.ReplyAsync(Console.Out, Console.Error);
}

// The slim builder: none of the logging providers the console log replaces, nor routing's regex constraints, which no
// route uses; a quicker start (bench/results/startup.md). HTTPS addresses keep working with the Kestrel__Certificates settings.
// Configuration is read once: reloading appsettings.json on change watches every folder under the working directory,
// which cost most of a start's CPU when started from a large folder.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
if (Standalone.EndpointsFromConfiguration(builder.Configuration) is { } endpoints)
{
    // Kestrel would listen there instead of --urls, past every check of where the simulator listens (the loopback-only
    // control API, the warning and the refusal of an address beyond this machine).
    await Console.Error.WriteLineAsync($"error: {endpoints} would make the simulator listen elsewhere than --urls says: remove it, and give the addresses with --urls");
    return 2;
}

builder.WebHost.UseKestrelHttpsConfiguration();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxConcurrentConnections = ConnectionLimit.OfThisProcess();
    kestrel.Limits.MaxRequestBufferSize = ConnectionLimit.ReadBufferBytes;
    // A header's bytes past ASCII (obs-text, which HTTP allows) read as ISO-8859-1, as a servlet container reads them:
    // a Latin-1 byte in a User-Agent or an unrelated cookie was refused with a bare 400 no log line told of.
    kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
});
builder.WebHost.UseSockets(sockets =>
{
    sockets.Backlog = ConnectionLimit.Backlog;
    sockets.MaxReadBufferSize = ConnectionLimit.ReadBufferBytes;
});
// A stop waits 5 s for requests in flight, not the host's 30 s: a connection that sent half a request head (or a latency
// fault's held answer) kept SIGTERM waiting for all of them; a body still arriving drops its connection at once anyway.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddRecorderSimulator(simulator =>
{
    simulator.World = options.World;
    simulator.Control = options.Control;
    simulator.Faults = [.. options.Faults];
});
builder.AddConsoleRequestLog();
builder.WebHost.UseUrls(options.Urls);
await using var app = builder.Build();
if (options.Control.Enabled && options.Control.Token is null && !options.BeyondLoopback)
{
    app.UseControlOnlyByLoopbackNames();
}

app.MapRecorderSimulator();
return await app.RunStandaloneAsync(options);
