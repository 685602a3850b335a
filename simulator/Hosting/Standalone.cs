using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Hosting;

/// <summary>What only the standalone server adds: a one-line console log, the start-up banner and one-line start failures.</summary>
public static class Standalone
{
    public static WebApplicationBuilder AddConsoleRequestLog(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();

        // One writer behind a bounded queue, not the console logger's locked queue that request threads contend on
        // under load (bench/results/profile.md); its lines look the same.
        var console = new ConsoleLineLog(new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)), TimeProvider.System);
        builder.Services.AddSingleton(console);
        builder.Logging.AddProvider(console);

        // The framework's own request logs echo the whole URL, a password in the query string included; the simulator's
        // request log says the same with passwords masked, one line per request, so the framework speaks only of problems.
        // A failed start is told in one line by RunStandaloneAsync, not as the host's stack trace. These are the only
        // rules: a Logging section of an appsettings.json in the working directory, or of the environment, would
        // otherwise bring the framework's request lines back (a more specific category wins), passwords and tokens in them.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            filters.Rules.Clear();
            filters.MinLevel = LogLevel.Information;
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Warning, null));
            filters.Rules.Add(new LoggerFilterRule(null, "System", LogLevel.Warning, null));
            filters.Rules.Add(new LoggerFilterRule(null, typeof(RequestLog).FullName, LogLevel.Information, null));
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical, null));

            // ASP.NET Core starts an Activity and a logging scope for every request whenever this category is enabled at
            // any level (3.4 % of the process's CPU under load, bench/results/profile.md). It only logs
            // request lines and start-up errors, which the request log and RunStandaloneAsync already tell.
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None, null));
        });
        return builder;
    }

    /// <summary>
    /// Where configuration names endpoints for Kestrel (<c>Kestrel:Endpoints</c>, from an appsettings.json in the working
    /// directory or <c>Kestrel__Endpoints__*</c> in the environment), which Kestrel would bind instead of --urls; null when
    /// nothing does. Certificates (<c>Kestrel:Certificates</c>) are still read from there.
    /// </summary>
    public static string? EndpointsFromConfiguration(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e.Key).ToList() is [_, ..] names
            ? $"Kestrel:Endpoints in the configuration ({string.Join(", ", names.Take(5).Select(n => Http.ClientText.Escaped(Http.ClientText.Cut(n, 40))))}; from an appsettings.json in the working directory or Kestrel__Endpoints__ environment variables)"
            : null;

    /// <summary>
    /// Without a token, on loopback only, the control API answers requests that name this machine (<c>localhost</c>, an
    /// IP address) and no other host: a web page whose own name an attacker points at 127.0.0.1 (DNS rebinding) would
    /// otherwise be the simulator's own origin to the browser, and could read and drive the control API.
    /// </summary>
    public static WebApplication UseControlOnlyByLoopbackNames(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var host = Http.RequestHost.Of(context.Request).Host; // as sent: a punycode label that does not decode names no loopback
            var local = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _);
            if (local || !context.Request.Path.StartsWithSegments(ControlApi.Root, StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync($"the control API answers only requests to this machine by its loopback names (localhost, a name under .localhost, 127.0.0.1), not '{Http.ClientText.Escaped(Http.ClientText.Cut(host, 100))}': give --control-token TOKEN to reach it by another name\n");
        });
        return app;
    }

    /// <summary>
    /// Starts listening, prints the banner and serves until stopped (Ctrl+C, SIGTERM), then prints the client audit:
    /// exit code 0. A start that fails
    /// (a busy port, an HTTPS address without a usable certificate) is one line on standard error and exit code 2.
    /// </summary>
    public static async Task<int> RunStandaloneAsync(this WebApplication app, CommandLine options)
    {
        try
        {
            await app.StartAsync();
        }
        // A certificate Kestrel cannot use (a wrong password, a file that holds no certificate or key, a certificate
        // without its private key) fails the start with a cryptography, argument or not-supported exception.
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException or UnauthorizedAccessException
                                      or System.Security.Cryptography.CryptographicException or ArgumentException or NotSupportedException)
        {
            await StopLogAsync(app);
            await Console.Error.WriteLineAsync($"error: cannot listen on {options.Urls}: {StartFailure(e)}");
            return 2;
        }

        Banner.Print(Console.Out, app.Urls.ToList(), options, app.Services.GetRequiredService<Recorder>());
        await app.WaitForShutdownAsync();
        await StopLogAsync(app);

        // What the clients served did that a real recorder could punish, as the last thing a test run sees.
        await Console.Out.WriteLineAsync(app.Services.GetRequiredService<Audit.ClientAudit>().Report().ToString(Json.AuditJson.MaxFindingsShown)); // as GET /simulator/audit shows them: 37,000 findings were 8.5 MB of console
        return 0;
    }

    /// <summary>Every request's line is written before what follows it on the console.</summary>
    private static async Task StopLogAsync(WebApplication app)
    {
        if (app.Services.GetService<ConsoleLineLog>() is { } log)
        {
            await log.StopAsync();
        }
    }

    // Kestrel's AddressInUseException wraps the socket's error, and is itself wrapped in an IOException.
    private static bool InUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private static string StartFailure(Exception e)
    {
        var first = e.Message.Split('\n', 2)[0].Trim();
        return e is InvalidOperationException && first.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? first + " Give one with the environment variable Kestrel__Certificates__Default__Path (and __KeyPath or __Password), or listen on http://"
            : InUse(e)
                ? first + " Another program listens there: stop it, or give --urls another port (port 0 picks a free one and the banner names it)"
                : first;
    }
}
