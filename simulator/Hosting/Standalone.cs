using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Http;

namespace PauseResume.Simulator.Hosting;

/// <summary>What only the standalone server adds: a one-line console log and the start-up banner.</summary>
public static class Standalone
{
    public static WebApplicationBuilder AddConsoleRequestLog(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        // One line per request from the simulator itself (the framework speaks only of problems: AddRecorderSimulator).
        builder.Logging.AddFilter(typeof(RequestLog).FullName, LogLevel.Information);
        return builder;
    }

    public static void PrintBanner(this WebApplication app, CommandLine options) =>
        Banner.Print(Console.Out, app.Urls.ToList(), options, app.Services.GetRequiredService<Recorder>());
}
