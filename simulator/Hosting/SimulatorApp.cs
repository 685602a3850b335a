using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Hosting;

/// <summary>The one pair that builds the simulator, for the standalone server and for <see cref="FakeRecorder"/> alike.</summary>
public static class SimulatorApp
{
    /// <summary>Requests larger than this are refused before they reach the API (bad input never costs memory).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <param name="sessionIds">Where session ids come from; null: a cryptographic generator (the only choice outside tests).</param>
    public static WebApplicationBuilder AddRecorderSimulator(
        this WebApplicationBuilder builder, World world, TimeProvider time, ControlOptions control, SessionIds? sessionIds = null)
    {
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new StartWorld(world));
        builder.Services.AddSingleton(control);
        builder.Services.AddSingleton(services => new Recorder(world, services.GetRequiredService<TimeProvider>(), sessionIds));
        builder.Services.AddHostedService<SessionSweeper>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton(services => new ClientAudit(services.GetRequiredService<Recorder>()));

        // The framework's own request logs echo the whole URL, a password in the query string included; the simulator's
        // request log says the same with passwords masked, so the framework speaks only of problems, to any provider.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
        {
            form.ValueCountLimit = 256;
            form.ValueLengthLimit = 64 * 1024;
            form.KeyLengthLimit = 1024;
        });
        return builder;
    }

    public static WebApplication MapRecorderSimulator(this WebApplication app)
    {
        app.MapLegacyApi();
        app.MapControlApi(app.Services.GetRequiredService<ControlOptions>());
        return app; // no global fallback: each API answers its own unknown paths, anything else is the host's 404
    }
}
