namespace PauseResume.Simulator.Http;

/// <summary>The answers of faults that act after a request was decided: the request took effect, its answer is lost or cut.</summary>
internal static class FaultAnswers
{
    /// <summary>The connection is cut before any byte of the answer: the client cannot tell whether the request took effect.</summary>
    public static IResult Aborted() => new Cut(null);

    /// <summary>The status line, the headers (with the whole length) and half of the body go out, then the connection is cut.</summary>
    public static IResult Truncated(IResult answer) => new Cut(answer);

    private sealed class Cut(IResult? answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            if (answer is not null)
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                try
                {
                    await answer.ExecuteAsync(context).ConfigureAwait(false);
                }
                finally
                {
                    context.Response.Body = original;
                }

                // An answer without a body (204) has nothing to cut part way: it is lost whole, as with abort.
                if (buffer.Length > 0)
                {
                    // The server ends an answer shorter than its Content-Length by closing the connection after what was
                    // written, so the client reads the headers and half the body, then the end of the stream.
                    context.Response.ContentLength = buffer.Length;
                    await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), context.RequestAborted).ConfigureAwait(false);
                    await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    if (!HoldsContentLength(context))
                    {
                        context.Abort(); // in-process (TestHost) nothing holds an answer to its length, so the end is cut here
                    }

                    return;
                }
            }

            if (!HoldsContentLength(context) && !context.Response.HasStarted)
            {
                // In-process (TestHost) a cut before the headers would reach the client as a cancellation, which no real
                // connection gives; this is what a client over a socket sees when the answer ends before it began.
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded, "The response ended prematurely: the simulator cut the connection (a fault)", new IOException("connection cut"));
            }

            context.Abort();
        }

        // Kestrel closes the connection of an answer shorter than its Content-Length once what was written has gone out;
        // cutting it here instead would drop the half already written, so the client would see no answer at all. A
        // server in-process (TestHost, the fake recorder's inline one) holds nothing to a length: it is cut here.
        private static bool HoldsContentLength(HttpContext context) =>
            context.RequestServices.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().FullName
                is not ("Microsoft.AspNetCore.TestHost.TestServer" or "PauseResume.Simulator.Testing.InlineServer");
    }
}
