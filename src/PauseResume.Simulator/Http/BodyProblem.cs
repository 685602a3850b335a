using Microsoft.AspNetCore.Http.Features;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Why a body could not be read, in the simulator's own plain words: the framework's texts ("Unexpected end of Stream, the
/// content may have already been read by another component", "Invalid request header: ''") speak of its insides, and some
/// of them mislead a client about what it sent.
/// </summary>
internal static class BodyProblem
{
    public const string Framing = "its chunked framing is malformed (a chunk size or trailer that cannot be read, or the body cut short)";

    public static string Of(Exception problem, HttpRequest request) => problem switch
    {
        RequestBodies.BodyTooLongException tooLong =>
            $"it is longer than the {tooLong.Bytes} bytes this server reads (the largest body, or all the memory bodies being read may hold together, whichever is less)",
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            $"it is over the {request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? Hosting.SimulatorOptions.MaxRequestBodyBytes} bytes this server reads",
        RequestBodies.BudgetInUseException => "the simulator was busy reading other large bodies for as long as a body may take: send it again",
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => "it arrived too slowly",
        BadHttpRequestException { StatusCode: StatusCodes.Status503ServiceUnavailable } => "the simulator stopped while it arrived",
        BadHttpRequestException or IOException when request.Headers.TransferEncoding.Count > 0 => Framing,
        BadHttpRequestException or IOException => "it stops short: shorter than its Content-Length, or a multipart body without its closing boundary",
        System.Text.DecoderFallbackException => "it is not text in the charset it names",
        _ => "its multipart framing is malformed (a boundary line or a part's headers that cannot be read, or headers over 16384 bytes)",
    };
}
