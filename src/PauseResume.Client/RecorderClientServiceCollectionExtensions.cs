using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PauseResume.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the recorder client in a service collection.</summary>
public static class RecorderClientServiceCollectionExtensions
{
    internal const string HttpClientName = "PauseResume.Client";

    /// <summary>
    /// Registers <see cref="IRecorderClient"/> (and <see cref="RecorderClient"/>) as a singleton, since it holds the one
    /// session of the application, on an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>. The primary
    /// handler is the library's own and does not manage cookies (<c>UseCookies = false</c>): the client keeps the
    /// session cookie itself (SES-2, SES-4). The options are validated when the host starts: an absolute http(s)
    /// <see cref="RecorderClientOptions.BaseAddress"/> ending with '/', and timeouts above zero.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>o => o.BaseAddress = new Uri("http://recorder:8080/")</c>.</param>
    /// <returns>The builder of the named HttpClient, to add delegating handlers (not another primary handler).</returns>
    public static IHttpClientBuilder AddRecorderClient(this IServiceCollection services, Action<RecorderClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RecorderClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecorderClientOptions>, RecorderClientOptionsValidator>());
        services.TryAddSingleton(provider => new RecorderClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<RecorderClientOptions>>().Value,
            provider.GetService<ILogger<RecorderClient>>()));
        services.TryAddSingleton<IRecorderClient>(provider => provider.GetRequiredService<RecorderClient>());
        return services
            .AddHttpClient(HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<RecorderClientOptions>>().Value;
                http.BaseAddress = options.BaseAddress;
                http.Timeout = options.RequestTimeout;
            })
            .ConfigurePrimaryHttpMessageHandler(RecorderClient.CreatePrimaryHandler);
    }
}
