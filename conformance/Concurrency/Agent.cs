using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// One desktop: its own session, the couples it may touch, and a seeded stream of pauses, resumes and reads. Every
/// operation is timed on the run's clock from just before it is sent to just after its answer is read; an operation
/// that got no answer (a timeout, a dropped connection, a 5xx) is recorded as unknown, never guessed.
/// </summary>
internal sealed class Agent(int index, ModelUser user, HttpClient http, Pacer pacer, AgentClock clock, TimeSpan timeout, Targets.SimulatorControl? control = null, Profiles.KitProfile? profile = null)
{
    private readonly Wire.Wire wire = new(http, TimeSpan.Zero, TimeProvider.System) { Control = control };

    public int Index { get; } = index;

    public ModelUser User { get; } = user;

    /// <summary>
    /// Logs in with the cookie a login needs (SES-2) and finds each couple's links in the documents. A couple its list no
    /// longer holds has ended since the run began (LST-1), a legal event: it is returned as <c>Ended</c>, not prepared; so
    /// is one whose details are refused and that a list sent after that refusal no longer holds (an ended couple may be
    /// refused 403 to a user with phone masks: refusalOrder=masks-first).
    /// </summary>
    public async Task<(IReadOnlyList<AgentCouple> Prepared, IReadOnlyList<long> Ended)> PrepareAsync(IReadOnlyList<(long Id, bool Shared)> couples, CancellationToken cancellationToken)
    {
        await LoginAsync(cancellationToken);
        var list = await RetriedAsync(() => SendAsync(HttpMethod.Get, "callrec/restful/couples.xml", null, cancellationToken));
        var listed = list.Status == 200 ? Wire.Documents.List(list.Body) : null;
        if (listed is null)
        {
            throw new Targets.TargetException($"{User.Login} could not list the couples after logging in ({list.Status}): check the account and its rights (SES-1, LST-1)");
        }

        var prepared = new List<AgentCouple>();
        var ended = new List<long>();
        foreach (var (id, shared) in couples)
        {
            var item = listed.FirstOrDefault(l => l.Id == id);
            var self = item?.SelfHref is { } href ? PathOf(href, new Uri(wire.Origin, "callrec/restful/couples.xml")) : null;
            var details = self is null ? null : await RetriedAsync(() => SendAsync(HttpMethod.Get, self, null, cancellationToken));
            var pausedState = details?.Status == 200 ? Wire.Documents.Of(details.Body)?.PausedStateHref : null;
            if (item is null || (details is { Status: not 200 } && !await ListedAsync(id, cancellationToken)))
            {
                ended.Add(id);
                continue;
            }

            if (self is null || pausedState is null)
            {
                throw new Targets.TargetException($"{User.Login} sees no {(self is null ? "self link for" : "pausedState link in the details of")} couple {id} (LST-5, DET-2): it cannot pause it");
            }

            prepared.Add(new AgentCouple(id, shared, self, PathOf(pausedState, new Uri(wire.Origin, self)), item.CallId));
        }

        return (prepared, ended);
    }

    /// <summary>Whether the couple is in progress: the list holds it (LST-1); a list that is not served tells nothing, so it counts as held.</summary>
    private async Task<bool> ListedAsync(long id, CancellationToken cancellationToken)
    {
        var list = await RetriedAsync(() => SendAsync(HttpMethod.Get, "callrec/restful/couples.xml", null, cancellationToken));
        return Wire.Documents.Holds(list, id) != false;
    }

    public async Task<Operation> RunAsync(int id, AgentCouple couple, OperationKind kind, CancellationToken cancellationToken)
    {
        var invoked = clock.Now;
        Wire.Exchange? answer = null;
        string? fault = null;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            answer = kind == OperationKind.Read
                ? await SendAsync(HttpMethod.Get, couple.DetailsPath, null, bounded.Token)
                : await SetPausedAsync(couple, kind == OperationKind.Pause, bounded.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or Wire.StepFaultException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer (or one a fault met): the request may have been applied or not; the checker lets it take effect at any later moment, or never.
            fault = e is Wire.StepFaultException stepFault ? stepFault.Fault.Kind : null;
        }

        var operation = Operation.Of(id, Index, User.Login, couple.Id, kind, invoked, clock.Now, answer, fault);
        if (operation is { Outcome: OperationOutcome.Refused, Status: 403 })
        {
            // The session may have gone (SES-6, a restart): a careful desktop logs in again, and tries the next time if that fails.
            try
            {
                await LoginAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or Wire.StepFaultException)
            {
            }
        }

        // An unreadable read (the details name the state otherwise) breaks nothing: its couple's history is left unchecked
        // rather than the run stopped.
        return operation;
    }

    /// <summary>Logs out; a logout whose answer never came is not tried again (the session then simply expires, SES-6).</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (wire.SessionOf(0) is not null)
        {
            await pacer.WaitAsync(cancellationToken);
            try
            {
                await wire.LogoutAsync(0, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or Wire.StepFaultException)
            {
            }
        }
    }

    private Task<Wire.Exchange> LoginAsync(CancellationToken cancellationToken) => RetriedAsync(async () =>
    {
        await pacer.WaitAsync(cancellationToken);
        return await wire.LoginAsync(0, User, cancellationToken);
    });

    /// <summary>A request that sets the agent up is sent again when no answer came: it changes no couple, so repeating it is safe.</summary>
    private static async Task<Wire.Exchange> RetriedAsync(Func<Task<Wire.Exchange>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (Exception e) when (e is HttpRequestException or Wire.StepFaultException && attempt < 5)
            {
            }
        }
    }

    private async Task<Wire.Exchange> SendAsync(HttpMethod method, string path, string? form, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(cancellationToken);
        return await wire.SendAsync(0, method, path, form, record: false, cancellationToken: cancellationToken);
    }

    /// <summary>The agents check concurrency, not where a recorder reads paused: the value goes wherever it may be read.</summary>
    private Task<Wire.Exchange> SetPausedAsync(AgentCouple couple, bool paused, CancellationToken cancellationToken) =>
        Wire.PausedEverywhere.SendAsync(couple.PausedStatePath, paused, (pathAndQuery, form) => SendAsync(HttpMethod.Post, pathAndQuery, form, cancellationToken), profile);

    /// <summary>A link's path, resolved against the document it stands in (LST-5, DET-2: a link may be relative to it).</summary>
    private static string PathOf(string href, Uri document) => Uri.TryCreate(document, href, out var uri) ? uri.PathAndQuery : href;
}
