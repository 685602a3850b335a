namespace PauseResume.Simulator.Http;

/// <summary>
/// Reads a control request's body up to <see cref="Hosting.SimulatorOptions.MaxRequestBodyBytes"/>, on Kestrel (which
/// enforces the limit itself) and on TestHost (which does not) alike, so a body too large is a 413 with a message
/// instead of an exception the server logs as unhandled.
/// </summary>
internal static class ControlBody
{
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpRequest request)
    {
        var limit = Hosting.SimulatorOptions.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(request.ContentLength.Value));
        }

        try
        {
            using var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return (null, TooLarge(null));
                }

                body.Write(chunk, 0, read);
            }

            return (body.ToArray(), null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(request.ContentLength)
                : Results.Text($"the body could not be read: {BodyProblem.Of(e, request)}\n", "text/plain", statusCode: e.StatusCode));
        }
        catch (IOException e)
        {
            // GEN-3: Kestrel's own framing error (a chunk size out of its range) comes as an IOException, not as a bad
            // request: unanswered, it was a 500 and a stack trace in the log from every endpoint that reads a body.
            return (null, Results.Text($"the body could not be read: {BodyProblem.Of(e, request)}\n", "text/plain", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static IResult TooLarge(long? length) => Results.Text(
        $"the body is {(length is { } l ? $"{l} bytes" : "larger than that")}; the control API takes at most {Hosting.SimulatorOptions.MaxRequestBodyBytes} bytes\n",
        "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
}
