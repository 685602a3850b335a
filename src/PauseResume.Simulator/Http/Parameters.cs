using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The request parameters a servlet would see: the form body (when it is a form) and the query string.
/// A body that is too large or malformed yields an error instead of an exception.
/// </summary>
internal sealed record Parameters(IFormCollection Form, IQueryCollection Query, string? BodyError, bool UnknownCharset = false)
{
    public static async Task<Parameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return new Parameters(FormCollection.Empty, request.Query, null);
        }

        // GEN-3: a charset .NET cannot decode (utf-7 is disabled and throws) is the client's mistake, not a 500.
        if (CharsetNotDecoded(request.ContentType) is { } charset)
        {
            return new Parameters(
                FormCollection.Empty, request.Query, $"the form body's charset {ListFilter.Shorten(charset)} is not one this server decodes (use UTF-8)", true);
        }

        try
        {
            return new Parameters(await request.ReadFormAsync(cancellationToken).ConfigureAwait(false), request.Query, null);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return new Parameters(FormCollection.Empty, request.Query, $"the form body could not be read: {e.Message}");
        }
    }

    private static string? CharsetNotDecoded(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || StringSegment.IsNullOrEmpty(mediaType.Charset))
        {
            return null;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value!;
        try
        {
            _ = System.Text.Encoding.GetEncoding(charset);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return charset;
        }
    }

    /// <summary>The value from the form body, else from the query string; empty if the parameter is absent.</summary>
    public StringValues this[string name] => Form.TryGetValue(name, out var fromForm) ? fromForm : Query[name];

    public bool Has(string name) => Form.ContainsKey(name) || Query.ContainsKey(name);
}
