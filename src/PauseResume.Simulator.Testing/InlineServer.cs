using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// The server of <see cref="FakeTransport.Inline"/>: it opens no socket and starts no thread. Each request runs the app
/// on the caller's thread until the app first waits on something (an answer the simulator writes at once never leaves
/// that thread); only an answer that is still being written when its headers go out (the dashboard's event stream, a
/// latency fault) goes on where the app resumes.
/// </summary>
internal sealed class InlineServer : IServer
{
    private Func<IFeatureCollection, Task>? application;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        this.application = features => RunAsync(application, features);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        application = null;
        return Task.CompletedTask;
    }

    public void Dispose() => application = null;

    /// <summary>Runs one request through the app; the task ends when the app has returned and its context is disposed.</summary>
    internal Task RunAsync(IFeatureCollection features) =>
        (application ?? throw new ObjectDisposedException(nameof(FakeRecorder), "the recorder is stopped or disposed"))(features);

    private static async Task RunAsync<TContext>(IHttpApplication<TContext> application, IFeatureCollection features)
        where TContext : notnull
    {
        var context = application.CreateContext(features);
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            application.DisposeContext(context, e);
            throw;
        }

        application.DisposeContext(context, null);
    }
}
