using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PauseResume.Client;

/// <summary>
/// A client of the recorder's Pause/Resume API that gets its quirks right: it sends the cookie a login needs
/// (SES-2), learns whether the login worked from the next request (SES-3), follows the links of the documents
/// (LST-5, DET-2), sends <c>paused=true|false</c> exactly (PSE-1, PSE-2) and, if allowed, logs in again once when
/// the session has expired (SES-6).
/// </summary>
/// <remarks>
/// The client keeps the session cookie itself: register it with <c>services.AddRecorderClient(...)</c>, use
/// <see cref="Create"/>, or give it an <see cref="HttpClient"/> whose handler does not manage cookies
/// (<c>UseCookies = false</c>). The base address is the recorder's root, for example <c>http://recorder:8080/</c>.
/// Safe to use from several threads: one login at a time, and a lost session is re-established once for all.
/// </remarks>
public sealed partial class RecorderClient : IRecorderClient, IAsyncDisposable, IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly RecorderClientOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim loginGate = new(1, 1);
    private volatile string? sessionId;
    private int disposed;
    private (string Login, string Password)? credentials;

    /// <summary>
    /// A client on the caller's own <paramref name="http"/>, which it does not dispose: its
    /// <see cref="HttpClient.BaseAddress"/> must be the recorder's root and its handler must not manage cookies
    /// (<c>UseCookies = false</c>). <see cref="RecorderClientOptions.BaseAddress"/> and
    /// <see cref="RecorderClientOptions.RequestTimeout"/> are not used here: the <see cref="HttpClient"/> has its own.
    /// </summary>
    public RecorderClient(HttpClient http, RecorderClientOptions? options = null, ILogger<RecorderClient>? logger = null)
        : this(http, ownsHttp: false, options, logger)
    {
    }

    private RecorderClient(HttpClient http, bool ownsHttp, RecorderClientOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null || !http.BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("the HttpClient needs the recorder's root as its BaseAddress, e.g. http://recorder:8080/", nameof(http));
        }

        this.http = http;
        this.ownsHttp = ownsHttp;
        this.options = options ?? new RecorderClientOptions();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// A client with its own connection to the recorder at <paramref name="recorder"/> (its root, e.g.
    /// <c>http://recorder:8080/</c>), disposed with the client. Requests time out after
    /// <see cref="RecorderClientOptions.RequestTimeout"/>.
    /// </summary>
    public static RecorderClient Create(Uri recorder, RecorderClientOptions? options = null, ILogger<RecorderClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        options ??= new RecorderClientOptions();
        var http = new HttpClient(CreatePrimaryHandler()) { BaseAddress = recorder, Timeout = options.RequestTimeout };
        return new RecorderClient(http, ownsHttp: true, options, logger);
    }

    /// <summary>
    /// The handler every connection of the client's own making sits on: the client keeps the session cookie itself,
    /// so the handler must not (a handler's cookie container would send a stale JSESSIONID after a re-login, SES-4),
    /// and a redirect is an answer to report, not to follow.
    /// </summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,

        // A long-lived client still sees the recorder move to another address.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    /// <inheritdoc/>
    public string? User => sessionId is null ? null : credentials?.Login;

    /// <inheritdoc/>
    public async Task LoginAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        ArgumentNullException.ThrowIfNull(password);
        await loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await new LoginProcedure(this).RunAsync(login, password, cancellationToken).ConfigureAwait(false);
            credentials = (login, password);
        }
        finally
        {
            loginGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        var login = User;
        using var request = Request(HttpMethod.Post, Paths.Logout);
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        sessionId = null;
        credentials = null;
        ClientLog.LoggedOut(logger, login, (int)response.StatusCode);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CoupleSummary>> ListCouplesAsync(CoupleQuery? query = null, CancellationToken cancellationToken = default)
    {
        var uri = Paths.Couples + Paths.Query(query ?? CoupleQuery.All);
        using var response = await SendInSessionAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return CouplesDocument.ParseList(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), http.BaseAddress!, new Uri(http.BaseAddress!, uri));
        }

        throw await Failures.FromAsync(response, "listing the couples", "LST-7", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<CoupleDetails> GetDetailsAsync(CoupleSummary couple, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(couple);
        return couple.DetailsLink is { } link
            ? GetDetailsAsync(link, couple.Id, cancellationToken)
            : throw new RecorderException(RecorderError.NoPermission, $"couple {couple.Id} is listed without a details link: this user may not see it", "LST-5");
    }

    /// <inheritdoc/>
    public Task<CoupleDetails> GetDetailsAsync(long coupleId, CancellationToken cancellationToken = default) =>
        GetDetailsAsync(new Uri(http.BaseAddress!, Paths.Couple(coupleId)), coupleId, cancellationToken);

    /// <inheritdoc/>
    public Task PauseAsync(CoupleDetails couple, CancellationToken cancellationToken = default) => SetPausedAsync(couple, true, cancellationToken);

    /// <inheritdoc/>
    public Task ResumeAsync(CoupleDetails couple, CancellationToken cancellationToken = default) => SetPausedAsync(couple, false, cancellationToken);

    /// <inheritdoc/>
    public Task PauseAsync(long coupleId, CancellationToken cancellationToken = default) =>
        SetPausedAsync(new Uri(http.BaseAddress!, Paths.PausedState(coupleId)), new Uri(http.BaseAddress!, Paths.Couple(coupleId)), coupleId, true, cancellationToken);

    /// <inheritdoc/>
    public Task ResumeAsync(long coupleId, CancellationToken cancellationToken = default) =>
        SetPausedAsync(new Uri(http.BaseAddress!, Paths.PausedState(coupleId)), new Uri(http.BaseAddress!, Paths.Couple(coupleId)), coupleId, false, cancellationToken);

    /// <inheritdoc/>
    public Task<HoldResult> HoldAsync(CoupleQuery call, CancellationToken cancellationToken = default) =>
        HoldAsync(call, HoldReach.Listed, cancellationToken);

    /// <inheritdoc/>
    public Task<HoldResult> HoldAsync(CoupleQuery call, HoldReach reach, CancellationToken cancellationToken = default) =>
        new HoldProcedure(this).RunAsync(call, paused: true, reach, cancellationToken);

    /// <inheritdoc/>
    public Task<HoldResult> UnholdAsync(CoupleQuery call, CancellationToken cancellationToken = default) =>
        UnholdAsync(call, HoldReach.Listed, cancellationToken);

    /// <inheritdoc/>
    public Task<HoldResult> UnholdAsync(CoupleQuery call, HoldReach reach, CancellationToken cancellationToken = default) =>
        new HoldProcedure(this).RunAsync(call, paused: false, reach, cancellationToken);

    /// <summary>
    /// Logs out if logged in (SES-5), waiting at most <see cref="RecorderClientOptions.LogoutOnDisposeTimeout"/>; a
    /// logout that fails or takes longer is logged, never thrown, and the session then expires on the server (SES-6).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (sessionId is not null)
        {
            using var bound = new CancellationTokenSource(options.LogoutOnDisposeTimeout);
            try
            {
                await LogoutAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                ClientLog.LogoutOnDisposeTimedOut(logger, options.LogoutOnDisposeTimeout);
            }
#pragma warning disable CA1031 // A dispose must not throw: whatever the logout met is logged instead.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClientLog.LogoutOnDisposeFailed(logger, e.Message);
            }
        }

        Release();
    }

    /// <summary>
    /// Releases the connection without logging out, since a logout would block on the network: the session stays
    /// open on the server until it expires (SES-6). Prefer <see cref="DisposeAsync"/>, which logs out.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (sessionId is not null)
        {
            ClientLog.DisposedWithoutLogout(logger, User);
        }

        Release();
    }

    internal ILogger Logger => logger;

    private void Release()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }

        loginGate.Dispose();
    }

    internal string? SessionId
    {
        get => sessionId;
        set => sessionId = value;
    }

    /// <summary>The couple's details read again, by its self link (DET-1).</summary>
    internal Task<CoupleDetails> GetDetailsAsync(CoupleDetails couple, CancellationToken cancellationToken) => GetDetailsAsync(couple.SelfLink, couple.Id, cancellationToken);

    internal async Task SetPausedAsync(CoupleDetails couple, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(couple);
        if (couple.PausedStateLink is not { } link)
        {
            throw new RecorderException(RecorderError.NoPermission, $"couple {couple.Id} has no pausedState link: this user may not pause or resume it", "DET-2");
        }

        await SetPausedAsync(link, couple.SelfLink, couple.Id, paused, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="details">The couple's details (its self link, DET-1), read where a 400 may say it is so already (PSE-3).</param>
    internal async Task SetPausedAsync(Uri pausedState, Uri details, long coupleId, bool paused, CancellationToken cancellationToken)
    {
        // PSE-1/PSE-2: exactly "paused", exactly "true" or "false"; never the vendor text's "pause". PSE-3: where a recorder
        // reads it is not documented, and a Java one reads a paused where it does not look as false (a resume), so the
        // value goes in the form body and the query string alike. Most readings take two equal values as one; a recorder
        // that refuses any repetition (400, PSE-2) reads both places, so the form body alone, then the query alone, follow.
        var value = paused ? "true" : "false";
        var inBody = pausedState.ToString();
        var inQuery = inBody + (string.IsNullOrEmpty(pausedState.Query) ? "?" : "&") + "paused=" + value;
        var body = new Dictionary<string, string> { ["paused"] = value };
        HttpResponseMessage? response = null;
        try
        {
            (string Target, Dictionary<string, string> Form)[] attempts = options.PausedPlacement switch
            {
                PausedPlacement.Body => [(inBody, body)],
                PausedPlacement.Query => [(inQuery, [])],
                _ => [(inQuery, body), (inBody, body), (inQuery, [])],
            };
            foreach (var (target, form) in attempts)
            {
                response?.Dispose();
                response = await SendInSessionAsync(HttpMethod.Post, target, form, cancellationToken).ConfigureAwait(false);
                // PSE-3: 204, or 200 or 202 (a recorder that hands the change to its recording engine) with no body.
                if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Accepted
                    || (response.StatusCode == options.UnchangedPauseStatus && response.StatusCode != HttpStatusCode.BadRequest))
                {
                    // PSE-3: a recorder that refuses a request that changes nothing (unchangedPauseStatus) says it is so already.
                    ClientLog.PausedStateSet(logger, coupleId, paused);
                    return;
                }

                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    break;
                }
            }

            // PSE-3: a 400 is also the refusal of a value (PSE-2), so where a recorder refuses a request that changes
            // nothing with 400, only a 400 in every place, then details that show the state asked for, say it is so already.
            if (response!.StatusCode == HttpStatusCode.BadRequest && options.UnchangedPauseStatus == HttpStatusCode.BadRequest
                && await ShowsAsync(details, coupleId, paused, cancellationToken).ConfigureAwait(false))
            {
                ClientLog.PausedStateSet(logger, coupleId, paused);
                return;
            }

            throw await Failures.FromAsync(response!, $"{(paused ? "pausing" : "resuming")} couple {coupleId}", "PSE-4", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Whether the couple's <paramref name="details"/> show it <paramref name="paused"/> already; false where they cannot be read.</summary>
    private async Task<bool> ShowsAsync(Uri details, long coupleId, bool paused, CancellationToken cancellationToken)
    {
        try
        {
            return (await GetDetailsAsync(details, coupleId, cancellationToken).ConfigureAwait(false)).Paused == paused;
        }
        catch (RecorderException)
        {
            return false;
        }
    }

    private async Task<CoupleDetails> GetDetailsAsync(Uri link, long coupleId, CancellationToken cancellationToken)
    {
        using var response = await SendInSessionAsync(HttpMethod.Get, link.ToString(), null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return CouplesDocument.ParseDetails(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), http.BaseAddress!, new Uri(http.BaseAddress!, link));
        }

        throw await Failures.FromAsync(response, $"reading couple {coupleId}", "DET-3", cancellationToken).ConfigureAwait(false);
    }
}
