using System.Net;
using PauseResume.Conformance.Targets;

namespace PauseResume.Benchmarks;

/// <summary>
/// Stands between the kit and the in-process simulator: records every answer once, in order, then gives the same answers
/// back without asking the simulator. A pass over the same scenarios then costs only what the kit itself does (building
/// requests, HttpClient's pipeline, reading the documents, the model, the checks), so the kit's share of a command can
/// be told from the simulator's. Each request must be the one recorded at its place, or the replay stops.
/// </summary>
internal sealed class RecordedAnswers
{
    private readonly List<Answer> answers = [];
    private readonly List<IReadOnlyList<(long Id, bool Paused)>> pausedStates = [];
    private bool replaying;
    private int next;
    private int nextPausedStates;

    public int Count => answers.Count;

    /// <summary>From now on, answers come from the recording, from its first one.</summary>
    public void Replay()
    {
        replaying = true;
        next = 0;
        nextPausedStates = 0;
    }

    /// <summary>The paused states the kit reads from the simulator itself after each step, recorded and given back as the answers are.</summary>
    private IReadOnlyList<(long Id, bool Paused)> PausedStates(Func<IReadOnlyList<(long Id, bool Paused)>> read)
    {
        if (replaying)
        {
            return pausedStates[nextPausedStates++ % pausedStates.Count];
        }

        var states = read();
        pausedStates.Add(states);
        return states;
    }

    public DelegatingHandler Wrap(HttpMessageHandler inner) => new Handler(this) { InnerHandler = inner };

    /// <summary>
    /// The target as the kit sees it while answers are replayed: the same, except that time passing moves no clock
    /// (what it changed is in the recorded answers), since moving the simulator's clock is the simulator's work.
    /// </summary>
    public ITarget Target(InProcessTarget inner) => new Replayed(inner, this);

    private sealed class Replayed(InProcessTarget inner, RecordedAnswers recording) : ITarget
    {
        public string Description => inner.Description;

        public SimulatorControl? Control { get; } = new(inner.CreateClient()) { ReadPausedStates = () => recording.PausedStates(inner.Control!.ReadPausedStates!) };

        public bool CallsComeAndGo => inner.CallsComeAndGo;

        public ClockKind Clock => inner.Clock;

        public HttpClient CreateClient() => inner.CreateClient();

        public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) =>
            recording.replaying ? Task.CompletedTask : inner.AdvanceTimeAsync(by, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed record Answer(string Request, HttpStatusCode Status, KeyValuePair<string, IEnumerable<string>>[] Headers, KeyValuePair<string, IEnumerable<string>>[] ContentHeaders, byte[] Body);

    private sealed class Handler(RecordedAnswers recording) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var said = $"{request.Method} {request.RequestUri!.PathAndQuery}";
            if (recording.replaying)
            {
                var answer = recording.answers[recording.next++ % recording.answers.Count];
                if (answer.Request != said)
                {
                    throw new InvalidOperationException($"the kit sent {said} where the recording has {answer.Request}: the replay is no longer the same run");
                }

                var response = new HttpResponseMessage(answer.Status) { Content = new ByteArrayContent(answer.Body), RequestMessage = request };
                foreach (var (name, values) in answer.Headers)
                {
                    response.Headers.TryAddWithoutValidation(name, values);
                }

                foreach (var (name, values) in answer.ContentHeaders)
                {
                    response.Content.Headers.TryAddWithoutValidation(name, values);
                }

                return response;
            }

            var live = await base.SendAsync(request, cancellationToken);
            var body = await live.Content.ReadAsByteArrayAsync(cancellationToken);
            recording.answers.Add(new Answer(said, live.StatusCode, [.. live.Headers], [.. live.Content.Headers], body));
            var copy = new HttpResponseMessage(live.StatusCode) { Content = new ByteArrayContent(body), RequestMessage = request };
            foreach (var (name, values) in live.Headers)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            foreach (var (name, values) in live.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }

            live.Dispose();
            return copy;
        }
    }
}
