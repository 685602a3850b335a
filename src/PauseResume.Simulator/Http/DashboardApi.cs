using Microsoft.AspNetCore.Http.HttpResults;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The live dashboard under the control API: its page and assets, embedded, and its Server-Sent Events. It is served
/// only where the control API is, and under the same token: a browser gives the token once as <c>?token=</c> on the
/// page, which answers with a cookie and sends the browser to the page without the token in its address.
/// </summary>
internal static class DashboardApi
{
    public const string PagePath = "/ui";
    public const string AssetPath = "/ui/{asset}";
    public const string EventsPath = "/events";
    public const string TokenParameter = "token";
    private const string Html = "text/html";

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder control)
    {
        var dashboard = control.MapGroup(string.Empty).WithMetadata(new NotLogged());
        dashboard.MapGet(PagePath, ServePage).WithSummary("the live dashboard page (?token= once, when the control API has a token)")
            .WithMetadata(new TokenInQuery()).Produces<string>(200, Html).Produces(302);
        dashboard.MapGet(AssetPath, ServeAsset).WithSummary("the dashboard's style sheet and script, embedded")
            .Produces<string>(200, "text/css", "text/javascript").Produces<string>(404, "text/plain");
        dashboard.MapGet(EventsPath, StreamEvents).WithSummary("the dashboard's Server-Sent Events: snapshot on connect, then state and log")
            .Produces<string>(200, "text/event-stream");
        return control;
    }

    private static IResult ServePage(HttpContext context, ControlOptions control)
    {
        if (context.Request.Query.ContainsKey(TokenParameter))
        {
            // The token filter let the request in, so the token is right: keep it in a cookie, drop it from the address.
            // The page's own path: under a route group's prefix or a path base the control API's root is not /simulator,
            // and a cookie or redirect for /simulator would miss it. Spelt as mapped, not as the client wrote it: routes
            // match in any case, but a browser sends a cookie only under its path's own case (/SIMULATOR's never to /simulator).
            var page = new PathString(context.Request.PathBase.Add(AsMapped(context)).Value!.TrimEnd('/'));
            if (control.Token is not null)
            {
                DashboardToken.Remember(context, control.Token, page.Value![..^PagePath.Length]);
            }

            return Results.Redirect(page.ToUriComponent(), permanent: false, preserveMethod: false);
        }

        if (context.Request.Path.Value!.EndsWith('/'))
        {
            // The page's assets are relative to it: from /simulator/ui/ they would be looked for under /simulator/ui/ui/.
            return Results.Redirect(context.Request.PathBase.Add(context.Request.Path.Value.TrimEnd('/')).ToUriComponent(), permanent: false, preserveMethod: false);
        }

        return Asset(context, DashboardAssets.Page);
    }

    /// <summary>The request's path as its endpoint's route spells it, where the route is all literal; else as the client wrote it.</summary>
    private static PathString AsMapped(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } mapped } && !mapped.Contains('{', StringComparison.Ordinal)
            ? new PathString("/" + mapped.Trim('/'))
            : context.Request.Path;

    private static IResult ServeAsset(HttpContext context, string asset) =>
        asset == DashboardAssets.Page ? Results.Text($"the dashboard is at {ControlApi.Root}{PagePath}\n", "text/plain", statusCode: 404) : Asset(context, asset);

    private static IResult Asset(HttpContext context, string name)
    {
        if (DashboardAssets.Find(name) is not { } asset)
        {
            return Results.Text($"the dashboard has no asset {name}\n", "text/plain", statusCode: 404);
        }

        context.Response.Headers.ContentSecurityPolicy = DashboardAssets.ContentSecurityPolicy;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static IResult StreamEvents(HttpContext context, DashboardEvents events)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (events.Reserve() is not { } place) // past the most streams, the oldest ends for this one (GEN-3)
        {
            // Every place is taken by a stream too young to end. Not an error status: an EventSource gives up for good on
            // one. A stream that ends at once, asking to be opened again after the least age, makes the page retry; its
            // busy event tells the page why, which a comment would not (EventSource hands comments to no one).
            var wait = Math.Max(1, (long)Math.Ceiling(events.MinAgeToEnd.TotalSeconds));
            return Results.Text(
                $"event: busy\ndata: all {DashboardEvents.MaxStreams} dashboard streams are in use, each opened less than {wait} s ago: close a page or a program you do not need; this page tries again in {wait} s (GEN-3)\nretry: {(long)events.MinAgeToEnd.TotalMilliseconds}\n\n",
                "text/event-stream");
        }

        context.Response.RegisterForDispose(place); // given back when the stream ends, or here if it never started

        // A stream never ends by itself, so it ends when the host stops too: an open page must not hold a Ctrl+C up for
        // the host's whole shutdown timeout. It ends too when a newer stream takes its place.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, place.Evicted);
        context.Response.RegisterForDispose(ends);

        // A client that does not read leaves what is written to it unsent in the server's buffers: the rest of an event
        // (a snapshot of the whole log), or the response's end once the stream has ended. There it would hold memory for
        // as long as the client holds the connection, and hold a stop up for the host's whole shutdown timeout, where the
        // stream's own end cannot reach it: so the connection is cut when writing takes too long (GEN-3).
        var cut = new CancellationTokenSource();
        context.Response.RegisterForDispose(cut);
        context.Response.RegisterForDispose(cut.Token.Register(static c => Abort((HttpContext)c!), context));
        context.Response.RegisterForDispose(stopping.Register(static c => CutAfter((CancellationTokenSource)c!, StopGrace), cut));
        return TypedResults.ServerSentEvents(CutWhenStuck(events.Stream(place, ends.Token), cut, stopping));
    }

    /// <summary>How long one event, or the end of a stream, may take to reach a client before its connection is cut (GEN-3).</summary>
    internal static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long what is still being written when the host stops may take before the connection is cut.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The events, each written within <see cref="WriteTimeout"/> or <paramref name="cut"/> cancelled (which cuts the
    /// connection); once they end, what is left to write has as long, or <see cref="StopGrace"/> when the host stops.
    /// A stream idle between events is never cut.
    /// </summary>
    private static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> CutWhenStuck(
        IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> items, CancellationTokenSource cut, CancellationToken stopping,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                CutAfter(cut, stopping.IsCancellationRequested ? StopGrace : WriteTimeout);
                yield return item;
                if (cut.IsCancellationRequested)
                {
                    yield break; // cut: nothing more reaches this client
                }

                // Written: the wait is off (TryReset would drop the registration that cuts the connection). A stop
                // that came meanwhile ends the events at once, and the finally below gives the rest its moment.
                CutAfter(cut, Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            CutAfter(cut, stopping.IsCancellationRequested ? StopGrace : WriteTimeout);
        }
    }

    // Kestrel disposes what a response registered before its context; a host that disposes the context first (TestHost,
    // the in-process transport) may let a timer fire in between, when nothing is left to cut.
    private static void Abort(HttpContext context)
    {
        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // the request has ended
        }
    }

    // The stop's registration may run as the response that owns the source is disposed.
    private static void CutAfter(CancellationTokenSource cut, TimeSpan delay)
    {
        try
        {
            cut.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // the response has ended: nothing is left to cut
        }
    }
}
