using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PauseResume.Simulator.Testing;

/// <summary>Sends a request into an <see cref="InlineServer"/>: what a socket would carry, without the socket.</summary>
internal sealed class InlineHandler(InlineServer server) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exchange = new InlineExchange(await RequestOf(request, cancellationToken).ConfigureAwait(false), cancellationToken);
        var app = server.RunAsync(exchange.Features);
        if (!app.IsCompleted)
        {
            try
            {
                await Task.WhenAny(app, exchange.Started).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                exchange.CallerLeft(); // the caller gave up: the app sees its request aborted, as when a client closes the connection
                EndWhenDone(app, exchange);
                throw;
            }
        }

        if (!app.IsCompleted)
        {
            EndWhenDone(app, exchange); // the headers are out and the app goes on writing the body
            return exchange.Answer(request);
        }

        var failure = app.Exception?.InnerException;
        var started = exchange.HasStarted;
        await exchange.EndAsync(failure).ConfigureAwait(false);
        if (failure is not null && !started)
        {
            await app.ConfigureAwait(false); // the app's own exception, handed to the caller as TestHost hands it
        }

        return exchange.Answer(request);
    }

    private static void EndWhenDone(Task app, InlineExchange exchange) =>
        _ = app.ContinueWith(
            static (ended, state) => ((InlineExchange)state!).EndAsync(ended.Exception?.InnerException),
            exchange,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    private static async Task<HttpRequestFeature> RequestOf(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var address = request.RequestUri ?? throw new InvalidOperationException("the request has no address");
        if (!address.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"the request's address {address} is not absolute; give the client a BaseAddress");
        }

        var feature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = request.Method.Method,
            Scheme = address.Scheme,
            Path = PathString.FromUriComponent(address).Value ?? "/",
            QueryString = QueryString.FromUriComponent(address).Value ?? string.Empty,
            RawTarget = address.PathAndQuery,
        };
        var headers = feature.Headers;
        foreach (var (name, values) in request.Headers)
        {
            headers.Append(name, values.ToArray());
        }

        if (!headers.ContainsKey("Host"))
        {
            headers.Host = address.Authority; // what a client writes on the wire from the address
        }

        if (request.Content is null)
        {
            // A socket client sends a POST or PUT without content as an empty body of length 0.
            if (HttpMethods.IsPost(feature.Method) || HttpMethods.IsPut(feature.Method))
            {
                headers.ContentLength = 0;
            }

            return feature;
        }

        _ = request.Content.Headers.ContentLength; // worked out now, so it is among the headers copied below when it can be known
        foreach (var (name, values) in request.Content.Headers)
        {
            headers.Append(name, values.ToArray());
        }

        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        feature.Body = new MemoryStream(body, writable: false);
        if (headers.ContentLength is null)
        {
            // Content of no known length goes out chunked, as a socket client sends it.
            headers.TransferEncoding = "chunked";
        }

        return feature;
    }
}
