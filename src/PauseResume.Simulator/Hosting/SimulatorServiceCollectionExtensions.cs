using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the simulated recorder in a service collection; <c>MapRecorderSimulator</c> then serves it.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the recorder (on the world of <see cref="SimulatorOptions.World"/>), its request log, its client audit and
    /// the sweeper that ends idle sessions (SES-6), the simulator's clock and its traffic. The clock runs over the host's time:
    /// the <see cref="TimeProvider"/> registered before, or <see cref="TimeProvider.System"/> when none is. The clock is
    /// registered as <see cref="SimulatorClock"/> only: the host's own services keep reading the host's time, whatever mode the
    /// simulator's clock is in. The options are validated when the host starts.
    /// </summary>
    /// <remarks>
    /// The host's logging is left alone. The framework's own request logs (category <c>Microsoft.AspNetCore</c> at
    /// Information) echo whole URLs, a password a client put in the query string included; the simulator's request log
    /// says the same with passwords masked, so a host that logs requests may want to raise that category to Warning.
    /// </remarks>
    public static IServiceCollection AddRecorderSimulator(this IServiceCollection services, Action<SimulatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SimulatorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        AddClockAndTraffic(services);
        services.TryAddSingleton(provider => new StartWorld(Options(provider).World!));
        services.TryAddSingleton(provider => Options(provider).Control);
        services.TryAddSingleton(provider => new Recorder(Options(provider).World!, provider.GetRequiredService<SimulatorClock>(), Options(provider).SessionIds));
        services.AddHostedService<SessionSweeper>();
        services.TryAddSingleton(provider => new RequestLog(
            provider.GetRequiredService<ILogger<RequestLog>>(), provider.GetRequiredService<ClientAudit>(), provider.GetRequiredService<SimulatorClock>()));
        services.TryAddSingleton(provider => new ClientAudit(provider.GetRequiredService<Recorder>()));
        services.TryAddSingleton(provider => new AuditAnswer(provider.GetRequiredService<ClientAudit>(), provider.GetRequiredService<Recorder>()));
        // The control API's OpenAPI schemas are made from the host's JSON options: the simulator's generated metadata
        // joins them, last, so a Native AOT host (no reflection) describes the same types and a host's own resolvers keep their say.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(PauseResume.Simulator.Json.SimulatorJsonContext.Default));
        services.AddControlApiDocument();
        services.TryAddSingleton<DashboardEvents>();
        services.TryAddSingleton(_ => new RequestBodies());
        services.TryAddSingleton(provider => new PauseResume.Simulator.Faults.FaultInjector(provider.GetRequiredService<SimulatorClock>(), Options(provider).Faults));
        return services;
    }

    /// <summary>
    /// The simulator's clock runs over the host's (the <see cref="TimeProvider"/> registered, or the system's); everything
    /// time-driven in the simulator reads the clock, so it follows its mode, and nothing else does.
    /// </summary>
    private static void AddClockAndTraffic(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SimulatorClock)))
        {
            return;
        }

        services.AddSingleton(provider => new SimulatorClock(
            provider.GetService<TimeProvider>() ?? TimeProvider.System, Options(provider).World!.Clock ?? ClockSetting.Real));
        services.AddSingleton(provider => new TrafficGenerator(provider.GetRequiredService<Recorder>(), provider.GetRequiredService<SimulatorClock>()));
        services.AddHostedService<TrafficStart>();
    }

    private static SimulatorOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
}
