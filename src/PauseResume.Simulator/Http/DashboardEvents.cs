using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The dashboard's Server-Sent Events: a <c>snapshot</c> on connect (the recorder's state and the kept request log),
/// then a <c>state</c> event when the recorder changed or requests were logged, and a <c>log</c> event with the
/// requests logged since the last.
/// A change only raises a flag: the recorder and the request that changed it never wait for a browser. Each client
/// reads the state when it is ready to send, so a burst of changes becomes one event and a slow client skips versions
/// instead of queueing them. The stream ends when the client goes (its request is aborted).
/// </summary>
internal sealed class DashboardEvents(Recorder recorder, RequestLog log, SimulatorClock clock)
{
    /// <summary>Changes within this long of the first are sent as one event; a browser cannot show more anyway.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The most streams open at once: each holds a connection and reads the state and the kept log on every change, so
    /// without a bound a client that opens thousands takes the API they watch down (GEN-3). A team's dashboards fit.
    /// Past it the oldest stream is ended for the newest (<see cref="Reserve"/>).
    /// </summary>
    public const int MaxStreams = 64;

    /// <summary>
    /// How many bytes of state events, summed over the open streams, are sent per millisecond at most: a large world's
    /// state (every couple's pauses of the last ten minutes, megabytes) is read again no sooner than its size times the
    /// streams at this rate, however busy the API is, so the dashboards never take the recorder's time from the requests
    /// they show (GEN-3). A small world's state stays at <see cref="Coalescing"/>.
    /// </summary>
    public const int StateBytesPerMillisecond = 20_000;

    private readonly Lock readGate = new();
    private SharedStateEvent? shared;
    private long statesRead;
    private int clients;
    private readonly Lock placesGate = new();
    private readonly LinkedList<Place> places = []; // the open streams' places, oldest first

    /// <summary>
    /// The youngest a stream may be and still end for a newer one: a program that reconnects each stream as soon as it
    /// ends would otherwise end the operator's page within a moment and keep the server busy with nothing else (GEN-3).
    /// </summary>
    internal TimeSpan MinAgeToEnd { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A place for one more stream, held until the request ends (dispose it then). Past <see cref="MaxStreams"/> the
    /// oldest place is taken back if it is at least <see cref="MinAgeToEnd"/> old: its stream ends (its
    /// <see cref="Place.Evicted"/> is cancelled) and its page, as every EventSource does, reconnects with a fresh
    /// snapshot. So a program holding every place cannot lock the newest dashboard out, and one that reconnects ends at
    /// most <see cref="MaxStreams"/> streams in that time. Null when every place is younger: try again later.
    /// </summary>
    public Place? Reserve()
    {
        Place place;
        Place? oldest = null;
        lock (placesGate)
        {
            if (places.Count >= MaxStreams)
            {
                oldest = places.First!.Value;
                if (Environment.TickCount64 - oldest.Started < (long)MinAgeToEnd.TotalMilliseconds)
                {
                    return null;
                }

                places.RemoveFirst();
                oldest.Node = null;
            }

            place = new Place(this);
            place.Node = places.AddLast(place);
        }

        oldest?.Evict();
        return place;
    }

    /// <summary>The places held now, each an open stream or one about to start.</summary>
    public int Places
    {
        get
        {
            lock (placesGate)
            {
                return places.Count;
            }
        }
    }

    /// <summary>One stream's place: given back when disposed, or taken back for a newer stream past <see cref="MaxStreams"/>.</summary>
    internal sealed class Place(DashboardEvents events) : IDisposable
    {
        private readonly CancellationTokenSource evicted = new();

        public LinkedListNode<Place>? Node { get; set; }

        /// <summary>When the place was taken, in milliseconds of <see cref="Environment.TickCount64"/> (real time, whatever the simulator's clock).</summary>
        public long Started { get; } = Environment.TickCount64;

        /// <summary>Cancelled when the place is taken back for a newer stream: the stream then ends.</summary>
        public CancellationToken Evicted => evicted.Token;

        /// <summary>Ends the stream, its callbacks run off the newer request's thread, so they can never fail that request.</summary>
        public void Evict()
        {
            try
            {
                _ = evicted.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // the stream ended in between: nothing left to end
            }
        }

        public void Dispose()
        {
            lock (events.placesGate)
            {
                if (Node is { } node)
                {
                    events.places.Remove(node);
                    Node = null;
                }
            }

            evicted.Dispose();
        }
    }

    /// <summary>How many clients are connected now.</summary>
    public int Clients => Volatile.Read(ref clients);

    /// <summary>Raised when a client's stream has ended and no longer listens to the recorder.</summary>
    public event EventHandler? ClientLeft;

    /// <summary>How many times a state event's data was read from the recorder and written, for every stream together.</summary>
    internal long StatesRead => Interlocked.Read(ref statesRead);

    /// <summary>
    /// Waits for a change, then lets a burst settle, and for the shared state to be due again (<see cref="SharedState"/>);
    /// false once <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    private async Task<bool> NextChangeAsync(ChannelReader<bool> changed, CancellationToken cancellationToken)
    {
        try
        {
            await changed.ReadAsync(cancellationToken).ConfigureAwait(false);

            // Real time, not the simulator's clock: a manual clock would never end the wait, and this pace is the
            // browser's, not the simulated world's.
            var due = Volatile.Read(ref shared) is { } state ? state.Due - Environment.TickCount64 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(Coalescing.TotalMilliseconds, due)), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <param name="place">The stream's place (<see cref="Reserve"/>), given back when the stream ends.</param>
    public async IAsyncEnumerable<SseItem<string>> Stream(IDisposable? place, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        void Flag(object? sender, EventArgs e) => changed.Writer.TryWrite(true);
        recorder.Changed += Flag;
        log.Logged += Flag;
        Interlocked.Increment(ref clients);
        try
        {
            // The shared reading, as a state event is (a page that opens reads nothing of its own): the snapshot is
            // written as DashboardSnapshotJson would write it.
            var first = SharedState();
            var (version, logged) = (first.Version, first.Logged);
            var entries = log.After(0);
            var seen = entries.Count > 0 ? entries[^1].Sequence : 0;
            yield return new SseItem<string>($"{{\"state\":{first.Json},\"log\":{JsonSerializer.Serialize(entries, Compact.IReadOnlyListRequestLogEntry)}}}", "snapshot");
            if (recorder.Version != version || log.Sequence != logged)
            {
                changed.Writer.TryWrite(true); // read before the latest change: the next state when it is due
            }

            while (true)
            {
                if (!await NextChangeAsync(changed.Reader, cancellationToken).ConfigureAwait(false))
                {
                    yield break; // the browser went or the host stops: the stream ends, it does not fail
                }
                changed.Reader.TryRead(out _); // a flag raised during the wait is answered by this very event
                var fresh = log.After(seen);

                // A request that changed nothing still used a session: its last request moves, so the state goes too.
                if (recorder.Version != version || log.Sequence != logged)
                {
                    var state = SharedState();
                    if (state.Version != version || state.Logged != logged)
                    {
                        (version, logged) = (state.Version, state.Logged);
                        yield return new SseItem<string>(state.Json, "state");
                    }

                    if (recorder.Version != version || log.Sequence != logged)
                    {
                        changed.Writer.TryWrite(true); // read before the latest change: come back when the state is due again
                    }
                }

                if (fresh.Count > 0)
                {
                    seen = fresh[^1].Sequence;
                    yield return Item("log", fresh, Compact.IReadOnlyListRequestLogEntry);
                }
            }
        }
        finally
        {
            recorder.Changed -= Flag;
            log.Logged -= Flag;
            Interlocked.Decrement(ref clients);
            place?.Dispose();
            ClientLeft?.Invoke(this, EventArgs.Empty);
        }
    }

    private DashboardStateJson State(long version) => DashboardStateJson.Read(recorder, version, clock.GetUtcNow());

    /// <summary>
    /// The state event's data, read and written once for every client: each client reading the recorder (every couple and
    /// session, under its lock) for itself made a few dashboards cost the API they watch most of its throughput. It is
    /// read again only when the recorder or the request log changed since, and no sooner than its size allows
    /// (<see cref="StateBytesPerMillisecond"/>): under a busy API every stream's change would otherwise be a reading of
    /// its own. A stream given a state older than the latest change comes back for the next one when it is due.
    /// </summary>
    private SharedStateEvent SharedState()
    {
        lock (readGate)
        {
            var version = recorder.Version;
            var logged = log.Sequence;
            if (Volatile.Read(ref shared) is { } state && ((state.Version == version && state.Logged == logged) || Environment.TickCount64 < state.Due))
            {
                return state;
            }

            var json = JsonSerializer.Serialize(State(version), Compact.DashboardStateJson);
            Interlocked.Increment(ref statesRead);
            var read = new SharedStateEvent(version, logged, json, Environment.TickCount64 + Math.Max((long)Coalescing.TotalMilliseconds, (long)json.Length * Math.Max(1, Clients) / StateBytesPerMillisecond));
            Volatile.Write(ref shared, read);
            return read;
        }
    }

    /// <summary>A state event's data, the recorder version and request log it shows, and when it may be read again (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record SharedStateEvent(long Version, long Logged, string Json, long Due);

    private static SseItem<string> Item<T>(string type, T value, JsonTypeInfo<T> json) =>
        new(JsonSerializer.Serialize(value, json), type);

    // One event is one line of the stream: the same options, not indented.
    private static readonly SimulatorJsonContext Compact = new(new JsonSerializerOptions(SimulatorJsonContext.Default.Options) { WriteIndented = false });
}
