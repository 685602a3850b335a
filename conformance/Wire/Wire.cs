using System.Net.Http.Headers;
using System.Text;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Wire;

/// <summary>
/// Sends the scenario's requests: keeps each slot's JSESSIONID (the kit manages cookies itself, as SES-2 demands
/// exact control over them), paces requests for real recorders and keeps the transcript.
/// </summary>
internal sealed partial class Wire(HttpClient http, TimeSpan pace, TimeProvider clock)
{
    public const string DummyCookie = "conformance=1";

    /// <summary>The encodings a byte-order mark names, in the order HttpContent looks for them (UTF-32 LE before UTF-16 LE).</summary>
    private static readonly Encoding[] Marked = [Encoding.UTF8, Encoding.UTF32, Encoding.Unicode, Encoding.BigEndianUnicode];
    private readonly string?[] sessions = new string?[ModelState.SlotCount];
    private readonly List<Exchange> transcript = [];
    private readonly List<(Exchange Answer, long SentAt, long AnsweredAt, bool Recorded)> answered = [];
    private readonly List<(string Method, string PathAndQuery, string? Form, int? Status)> sent = [];
    private readonly List<string> handedOut = [];
    private readonly HashSet<string> loggedOut = new(StringComparer.Ordinal);

    /// <summary>
    /// The cookies the server, or a load balancer in front of it, set besides JSESSIONID (name → value and path), sent
    /// back with every request that may carry a session (one of a slot that has none yet too): a balancer that keeps a client on one node by a cookie of its own
    /// (HAProxy's <c>SERVERID</c>, F5's <c>BIGipServer…</c>) otherwise sends each request to any node, where the
    /// session is unknown, and a faithful cluster would look as if it forgot logins (SES-1, SES-4). One set for all the
    /// wire's slots, so their sessions live on one node; an answer to a request that did not carry them (sent without
    /// cookies, or without the session) changes them only while there are none.
    /// </summary>
    private readonly Dictionary<string, (string Value, string Path)> others = new(StringComparer.Ordinal);

    /// <summary>
    /// The pace of every wire to one origin (--rate): a run sends through many wires (each scenario's, the observer's
    /// reads in a session of its own, the clean-up's, the audit's), and each paced alone let a run send bursts past the
    /// rate given (84 requests in 10 s at --rate 5).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Uri Origin, TimeProvider Clock, TimeSpan Pace), Concurrency.Pacer> Pacers = new();

    public IReadOnlyList<Exchange> Transcript => transcript;

    /// <summary>When the last request was sent, on the wire's clock; in a replay, when the recorded run sent it.</summary>
    public long LastSentAt { get; private set; }

    /// <summary>When the last request's whole answer was read, as <see cref="LastSentAt"/>.</summary>
    public long LastAnsweredAt { get; private set; }

    /// <summary>The time between two of the wire's <see cref="LastSentAt"/>.</summary>
    public TimeSpan Between(long from, long to) => clock.GetElapsedTime(from, to);

    /// <summary>
    /// Where <see cref="KeepsAnswers"/>, every answer this wire got, kept in the transcript or not, in the order sent, with
    /// when it was sent and its answer read, and whether it went into the transcript (a read of a wait did not): a <see cref="Recording"/> of them serves a replay.
    /// </summary>
    public IReadOnlyList<(Exchange Answer, long SentAt, long AnsweredAt, bool Recorded)> Answered => answered;

    /// <summary>Whether <see cref="Answered"/> is kept (not by default: an agents run sends many thousands of requests).</summary>
    public bool KeepsAnswers { get; init; }

    /// <summary>
    /// Answers recorded from the target for the same requests, served in place of sending them (null: each request goes
    /// to the target). A request the recording does not hold, in the same place, ends the replay (<see cref="RecordingDivergedException"/>).
    /// </summary>
    public Recording.Cursor? Replaying { get; init; }

    /// <summary>
    /// Every request sent, with the status it was answered (null: a fault met it, so it may or may not have taken effect;
    /// the clean-up must know).
    /// </summary>
    public IReadOnlyList<(string Method, string PathAndQuery, string? Form, int? Status)> Sent => sent;

    /// <summary>
    /// How long a request already sent is waited for once the run is told to stop (--budget ran out, an interrupt): a
    /// recorder takes a request whose client went away, and a pause given up on could land after the clean-up's put-back
    /// and leave the couple paused, which the final audit would call a documented rule broken.
    /// </summary>
    public TimeSpan InFlightGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The simulator's control API, which tells a latency fault (an answer late, not changed) from the others.</summary>
    public Targets.SimulatorControl? Control { get; init; }

    /// <summary>
    /// How often a request a fault met is sent in all before the fault is thrown: 1 for a scenario's steps, whose model
    /// cannot know whether the first one took effect; more for requests that may be repeated (the probe's, the
    /// observation of a real recorder), as the clean-up repeats a restore.
    /// </summary>
    public int Attempts { get; init; } = 1;

    /// <summary>How many requests were sent again after a fault met them.</summary>
    public int Repeated { get; private set; }

    public Uri Origin => http.BaseAddress!;

    public string? SessionOf(int slot) => sessions[slot];

    /// <summary>Makes <paramref name="slot"/> send <paramref name="sessionId"/>, as a client that ignored a Set-Cookie would.</summary>
    public void UseSession(int slot, string? sessionId)
    {
        sessions[slot] = sessionId;
        loggedInAs[slot] = null; // whichever user that id belongs to, if any, no login of this wire made it the slot's
    }

    public void Note(string script) => transcript.Add(Exchange.Note(script));

    /// <summary>
    /// Every session id the target handed out on this wire that no logout has named since: a slot that logged in again,
    /// or was made to send another id, left one behind that may still be logged in.
    /// </summary>
    public IEnumerable<string> NotLoggedOut => handedOut.Where(id => !loggedOut.Contains(id));

    /// <summary>Counts <paramref name="id"/> among the sessions the clean-up logs out, once.</summary>
    private void HandOut(string id)
    {
        if (!handedOut.Contains(id))
        {
            handedOut.Add(id);
        }
    }

    /// <summary>
    /// Sends a request for <paramref name="slot"/>; <paramref name="withCookies"/> false sends no cookie at all, and
    /// <paramref name="withSession"/> false only the dummy cookie (a request that cannot touch the slot's session);
    /// <paramref name="record"/> false keeps a request the kit makes to explain a failure out of the transcript.
    /// </summary>
    public async Task<Exchange> SendAsync(int slot, HttpMethod method, string pathAndQuery, string? form = null, bool withCookies = true, bool withSession = true, bool record = true, CancellationToken cancellationToken = default)
    {
        var carried = withCookies && withSession && sessions[slot] is not null;
        var answer = await SendRepeatingAsync(slot, method, pathAndQuery, form, withCookies, withSession, record, cancellationToken);
        return carried && answer.Status == 403 && RefusedInSession is { } refused ? await refused(answer, cancellationToken) : answer;
    }

    private async Task<Exchange> SendRepeatingAsync(int slot, HttpMethod method, string pathAndQuery, string? form, bool withCookies, bool withSession, bool record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(slot, method, pathAndQuery, form, withCookies, withSession, record, cancellationToken);
            }
            catch (StepFaultException e) when (attempt < Attempts)
            {
                Repeated++;
                if (e.Fault.RetryAfter is { } wait && wait > TimeSpan.Zero)
                {
                    // A rate limit's or a busy server's 503 or 429 asks for a wait: sent again at once, the request met the
                    // same refusal each time, and the run ended (exit 5) on a recorder whose limit its live agents share.
                    await Task.Delay(wait, clock, cancellationToken);
                }
            }
        }
    }

    private async Task<Exchange> SendOnceAsync(int slot, HttpMethod method, string pathAndQuery, string? form, bool withCookies, bool withSession, bool record, CancellationToken cancellationToken)
    {
        // A handler that answers at once (in-process) may not look at the token: a run told to stop sends nothing more.
        cancellationToken.ThrowIfCancellationRequested();
        await PaceAsync(cancellationToken);
        var sentAt = sent.Count;
        sent.Add((method.Method, "/" + pathAndQuery.TrimStart('/'), form, null));
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        // SES-4: the session is the JSESSIONID cookie wherever it stands among the cookies: one request in four sends it first.
        var cookie = !withCookies ? null
            : (withSession && sessions[slot] is { } id ? (sentAt % 4 == 3 ? $"JSESSIONID={id}; {DummyCookie}" : $"{DummyCookie}; JSESSIONID={id}") : DummyCookie)
              + (withSession ? Others("/" + pathAndQuery.TrimStart('/')) : string.Empty);
        var carried = withCookies && withSession ? sessions[slot] : null;
        var loggingOut = withCookies && withSession && pathAndQuery.TrimStart('/').StartsWith("callrec/logoutAction.do", StringComparison.Ordinal) ? sessions[slot] : null;

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        var (exchange, sentClock, answeredClock) = Replaying is { } replaying
            ? replaying.Next(slot, method.Method, "/" + pathAndQuery.TrimStart('/'), cookie, form, record)
            : await ExchangeAsync(request, slot, cookie, form, cancellationToken);
        if (KeepsAnswers)
        {
            answered.Add((exchange, sentClock, answeredClock, record));
        }

        (LastSentAt, LastAnsweredAt) = (sentClock, answeredClock);
        sent[sentAt] = sent[sentAt] with { Status = exchange.Status };
        NoteIdle(slot, carried, sentClock, exchange);
        if ((withCookies && withSession) || others.Count == 0)
        {
            Keep(exchange);
        }

        if (loggingOut is not null)
        {
            loggedOut.Add(loggingOut); // answered: a logout a fault met may not have taken, and is sent again at the clean-up
        }
        else if (withCookies && withSession && sessions[slot] is { } loggingIn && (SetCookieSession(exchange) ?? loggingIn) == loggingIn
            && pathAndQuery.TrimStart('/').StartsWith("callrec/loginAction.do", StringComparison.Ordinal))
        {
            // A login that names a session and gets no other id may log that very id in again (loginSessionId=kept, a logout
            // that kept the id): it is one to log out again, whatever was sent to it before.
            loggedOut.Remove(loggingIn);
            HandOut(loggingIn);
        }

        // A session opened for a request sent without the slot's session (an error page that opens one, say) is not
        // the slot's: only a request that carried the slot's cookies, or none at all (a login), moves it.
        if (SetCookieSession(exchange) is { } fresh && (withSession || !withCookies))
        {
            sessions[slot] = fresh;
            HandOut(fresh);
        }

        if (record)
        {
            transcript.Add(exchange);
        }

        return exchange;
    }

    /// <summary>Sends <paramref name="request"/> to the target and reads its whole answer, with when it was sent and read; a fault, or a target gone, is thrown.</summary>
    private async Task<(Exchange Answer, long SentAt, long AnsweredAt)> ExchangeAsync(HttpRequestMessage request, int slot, string? cookie, string? form, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.OriginalString;
        var method = request.Method;
        var said = $"{method.Method} /{pathAndQuery}";
        var sentAt = clock.GetTimestamp();
        HttpResponseMessage response;
        byte[] bytes;
        // Once sent, a request is waited for past a stop, for InFlightGrace: its answer says whether it took effect.
        using var inFlight = new CancellationTokenSource();
        using var stopping = cancellationToken.Register(() => inFlight.CancelAfter(InFlightGrace));
        try
        {
            response = await http.SendAsync(request, inFlight.Token);
            bytes = await response.Content.ReadAsByteArrayAsync(inFlight.Token);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // Nothing listens any more: the target is gone, not one answer of it cut; no scenario can be judged.
            throw new Targets.TargetException($"the target cannot be reached any more ({said}): {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new StepFaultException(new StepFault("cut", said, $"no whole answer (connection dropped or answer cut short): {e.Message}"), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StepFaultException(new StepFault("timeout", said, "no answer in time"), e);
        }

        var answeredAt = clock.GetTimestamp();
        using var received = response;
        if (response.Headers.TryGetValues(StepFault.Header, out var names) && !await OnlyLateAsync(names, cancellationToken))
        {
            throw new StepFaultException(new StepFault(string.Join(", ", names), said, $"answered {(int)response.StatusCode} with a simulator fault ({StepFault.Header}: {string.Join(", ", names)})"));
        }

        if (response.StatusCode == System.Net.HttpStatusCode.ProxyAuthenticationRequired)
        {
            // A proxy on the way wants credentials: no request can reach the target, so none can be judged.
            throw new Targets.TargetException($"a proxy between the kit and the target asks for authentication ({said} answered 407): give the proxy's credentials in HTTPS_PROXY or HTTP_PROXY (http://user:password@proxy:port), or bypass it with NO_PROXY");
        }

        if (response.StatusCode is System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout)
        {
            throw new StepFaultException(new StepFault(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), said, $"answered {(int)response.StatusCode}: the server or a gateway says it is unavailable") { RetryAfter = RetryAfter(response) });
        }

        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            // A rate limit (the server's or a gateway's) says nothing about the API's rules; a lower --rate avoids it.
            throw new StepFaultException(new StepFault("429", said, "answered 429: the server or a gateway limits the rate of requests (a lower --rate avoids it)") { RetryAfter = RetryAfter(response) });
        }

        var (body, unknown) = Decode(bytes, response.Content.Headers.ContentType?.CharSet); // the charset's decoding, without a byte-order mark
        return (new Exchange(
            slot, method.Method, "/" + pathAndQuery, cookie, form, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, Headers(response), body)
        {
            ByteOrderMark = bytes.AsSpan().StartsWith("\uFEFF"u8),
            UnknownCharset = unknown,
        }, sentAt, answeredAt);
    }

    /// <summary>
    /// The headers as they came, names without regard to case, a repeated one joined by new lines. Read unvalidated: the
    /// kit judges what the server sent, and parsing every value into typed headers was most of the wire's own cost.
    /// </summary>
    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            var value = values.Count == 1 ? values.ToString() : string.Join("\n", values);
            headers[name] = headers.TryGetValue(name, out var before) ? before + "\n" + value : value;
        }

        return headers;
    }

    /// <summary>
    /// The body as text, decoded as <see cref="HttpContent.ReadAsStringAsync()"/> does, from the bytes already read
    /// instead of a second read: the charset when there is one (its byte-order mark dropped), else a byte-order mark
    /// (UTF-8, UTF-32 LE, UTF-16 LE or BE; dropped), else UTF-8. A charset known by Java's name only is read by it
    /// (<see cref="Simulator.Http.Charsets"/>); one nobody knows is read as UTF-8, and the answer says so (<see cref="Exchange.UnknownCharset"/>).
    /// </summary>
    private static (string Body, string? Unknown) Decode(byte[] bytes, string? charSet)
    {
        var encoding = charSet is null ? null : Simulator.Http.Charsets.Resolve(charSet);
        var unknown = charSet is not null && encoding is null ? charSet : null;
        encoding ??= Marked.FirstOrDefault(e => bytes.AsSpan().StartsWith(e.Preamble)) ?? Encoding.UTF8;
        var mark = bytes.AsSpan().StartsWith(encoding.Preamble) ? encoding.Preamble.Length : 0;
        return (encoding.GetString(bytes, mark, bytes.Length - mark), unknown);
    }

    /// <summary>
    /// Each login logs out the session its slot holds first: a login naming a logged-in session may leave it logged in
    /// (successfulLoginSession=unchanged), and under sessionsPerUser=first-wins that session, forgotten, would hold its user
    /// until it expired and refuse every later login of it.
    /// </summary>
    public bool LogsOutBeforeLogin { get; set; }

    /// <summary>Logs <paramref name="user"/> in on <paramref name="slot"/>, with the cookie a login needs (SES-2).</summary>
    public async Task<Exchange> LoginAsync(int slot, Model.ModelUser user, CancellationToken cancellationToken)
    {
        if (LogsOutBeforeLogin && SessionOf(slot) is not null)
        {
            await LogoutAsync(slot, cancellationToken);
        }

        var answer = await SendAsync(slot, HttpMethod.Post, "callrec/loginAction.do", $"login={Uri.EscapeDataString(user.Login)}&password={Uri.EscapeDataString(user.Password)}", cancellationToken: cancellationToken);
        loggedInAs[slot] = user;
        return answer;
    }

    public async Task<Exchange> LogoutAsync(int slot, CancellationToken cancellationToken)
    {
        loggedInAs[slot] = null;
        return await SendAsync(slot, HttpMethod.Post, "callrec/logoutAction.do", string.Empty, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Whether every fault an answer names is a latency fault: it answered late and changed no byte of the answer, so the
    /// answer is judged like any other. A name the control API does not list as latency (or no control API to ask)
    /// keeps the answer a fault, since a restart, a status or a cut may stand behind it. An answer that never came in
    /// time is a timeout, a fault whatever made it late.
    /// </summary>
    private async Task<bool> OnlyLateAsync(IEnumerable<string> header, CancellationToken cancellationToken)
    {
        if (Control is null)
        {
            return false;
        }

        var named = header.SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var kinds = await Control.FaultKindsAsync(cancellationToken); // asked each time: a name may be switched off and on again as another kind
        return named.Count > 0 && named.All(n => kinds.TryGetValue(n, out var kind) && kind == "latency");
    }

    /// <summary>The wait a <c>Retry-After</c> asks for (seconds, or a date), at most <see cref="StepFault.LongestRetryAfter"/>.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not { } asked ? null
        : (asked.Delta ?? (asked.Date is { } date ? date - clock.GetUtcNow() : TimeSpan.Zero)) is var wait && wait > StepFault.LongestRetryAfter ? StepFault.LongestRetryAfter
        : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        if (pace <= TimeSpan.Zero)
        {
            return;
        }

        // One clock and pace to a pacer: times of two clocks do not compare.
        await Pacers.GetOrAdd((Origin, clock, pace), key => new Concurrency.Pacer(key.Pace, key.Clock)).WaitAsync(cancellationToken);
    }
}
