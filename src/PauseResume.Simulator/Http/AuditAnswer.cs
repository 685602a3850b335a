using System.Text.Json;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>
/// <c>GET /simulator/audit</c>, built once for all the requests that ask for it at once (GEN-3): one build at a time, and a
/// request that waited for one takes its answer when the audit and the recorder have not changed since it began. An audit
/// of 64,000 findings is a document of 53 MB built in a second or two; sixteen requests at once, each building its own,
/// took the process from 425 MB to 2.5 GB and held a legacy request for 15 s. The latest answer is kept until the next
/// change: it shows at most <see cref="AuditJson.MaxFindingsShown"/> findings, so it is a megabyte or two at most.
/// </summary>
internal sealed class AuditAnswer(ClientAudit audit, Recorder recorder) : IDisposable
{
    private readonly SemaphoreSlim building = new(1, 1);
    private volatile Built? last;

    /// <summary>Builds taken since the start: what a test counts.</summary>
    internal int Builds { get; private set; }

    public async Task<IResult> ServeAsync(CancellationToken cancellationToken)
    {
        if (Latest() is not { } json)
        {
            await building.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Latest() is not { } built)
                {
                    // The versions read before the report: a change while it is built makes the next request build again.
                    var (auditVersion, recorderVersion) = (audit.Version, recorder.Version);
                    built = JsonSerializer.SerializeToUtf8Bytes(AuditJson.From(audit.Report()), SimulatorJsonContext.Answers.AuditJson);
                    last = new Built(auditVersion, recorderVersion, built);
                    Builds++;
                }

                json = built;
            }
            finally
            {
                building.Release();
            }
        }

        return Results.Bytes(json, "application/json; charset=utf-8");
    }

    public void Dispose() => building.Dispose();

    private byte[]? Latest() =>
        last is { } built && built.AuditVersion == audit.Version && built.RecorderVersion == recorder.Version ? built.Json : null;

    private sealed record Built(long AuditVersion, long RecorderVersion, byte[] Json);
}
