using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The request parameters a servlet would see: the form body (when it is a form) and the query string, each in its
/// order and with its names as spelled, since a servlet's <c>getParameter</c> and a JAX-RS <c>@FormParam</c> match names
/// case-sensitively (<c>Paused=true</c> is no <c>paused</c>), where ASP.NET Core's collections match them in any case.
/// A body that is too large or malformed yields an error instead of an exception. Read once per request: a fault's
/// filter and the handler see the same parameters.
/// </summary>
internal sealed record Parameters(
    IReadOnlyList<KeyValuePair<string, string>> Form, IReadOnlyList<KeyValuePair<string, string>> Query, string? BodyError, bool UnknownCharset = false)
{
    private static readonly object ItemKey = new();

    public static async Task<Parameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Items.TryGetValue(ItemKey, out var read) && read is Parameters known)
        {
            return known;
        }

        var parameters = await ReadOnceAsync(request, cancellationToken).ConfigureAwait(false);
        request.HttpContext.Items[ItemKey] = parameters;
        return parameters;
    }

    /// <summary>The parameters a handler of this request read, or null if none did.</summary>
    public static Parameters? ReadBy(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var read) ? read as Parameters : null;

    /// <summary>The values of <paramref name="name"/> (exact spelling) in the form body, in order.</summary>
    public IEnumerable<string> FormValues(string name) => ValuesOf(Form, name);

    /// <summary>The values of <paramref name="name"/> (exact spelling) in the query string, in order.</summary>
    public IEnumerable<string> QueryValues(string name) => ValuesOf(Query, name);

    /// <summary>The first value from the form body, else from the query string; null if the parameter is absent.</summary>
    public string? First(string name) => FormValues(name).Concat(QueryValues(name)).FirstOrDefault();

    public bool Has(string name) => FormValues(name).Concat(QueryValues(name)).Any();

    private static IEnumerable<string> ValuesOf(IReadOnlyList<KeyValuePair<string, string>> pairs, string name) =>
        pairs.Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value);

    private static async Task<Parameters> ReadOnceAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = ListFilter.Read(request.QueryString);
        if (!request.HasFormContentType)
        {
            return new Parameters([], query, null);
        }

        // GEN-3: a charset .NET cannot decode (utf-7 is disabled and throws) is the client's mistake, not a 500.
        if (CharsetNotDecoded(request.ContentType) is { } charset)
        {
            return new Parameters([], query, $"the form body's charset {ListFilter.Shorten(charset)} is not one this server decodes (use UTF-8)", true);
        }

        try
        {
            var encoding = FormEncoding(request.ContentType);
            if (encoding is System.Text.UTF8Encoding)
            {
                return new Parameters(await Utf8FormAsync(request, cancellationToken).ConfigureAwait(false), query, null);
            }

            // The form is read as ASP.NET Core reads it (its limits and errors, and the form the client audit sees), then a
            // form-encoded body again as sent, for the names' spelling.
            if (encoding is not null)
            {
                request.EnableBuffering();
            }

            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return new Parameters(encoding is not null ? await PairsAsync(request, encoding, cancellationToken).ConfigureAwait(false) : Pairs(form), query, null);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return new Parameters([], query, $"the form body could not be read: {e.Message}");
        }
    }

    /// <summary>
    /// A UTF-8 form body, read once: its pairs in order and as spelled, within the endpoint's form limits, refused in
    /// ASP.NET Core's words. The form feature is set from the pairs, so <c>Request.Form</c> and the client audit see what
    /// a read of the form would have given. Reading the form and then the buffered body again was most of a pause's time.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>> Utf8FormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(request.ContentLength is > 0 and <= 64 * 1024 ? (int)request.ContentLength : 256);
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        WithinLimits(body.GetBuffer().AsSpan(0, (int)body.Length), request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IFormOptionsMetadata>());
        var pairs = ServletPairs(System.Text.Encoding.UTF8.GetString(body.GetBuffer().AsSpan(0, (int)body.Length)));
        var form = new KeyValueAccumulator();
        foreach (var pair in pairs)
        {
            form.Append(pair.Key, pair.Value);
        }

        request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(new FormCollection(form.GetResults())));
        return pairs;
    }

    /// <summary>
    /// The pairs of a form body split as a servlet splits one: at each <c>&amp;</c>, empty pieces skipped, a name up to its
    /// piece's first <c>=</c> (a piece without one is a name whose value is empty: <c>flag&amp;paused=true</c> holds
    /// <c>paused</c>), each part decoded as the query string is (<c>+</c> a space, escapes UTF-8). Unlike a servlet, a
    /// piece with an empty name or an escape that is not one is kept as sent, as the query string's are. ASP.NET Core's
    /// form reader runs a name to the next <c>=</c> across any <c>&amp;</c> and drops a last piece without one, which no
    /// servlet or JAX-RS form reader does; and it was a pause's costliest step (a profile of the standalone simulator).
    /// </summary>
    internal static List<KeyValuePair<string, string>> ServletPairs(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var text = body.AsSpan();
        foreach (var range in text.Split('&'))
        {
            var pair = text[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            pairs.Add(equals < 0 ? new(Decoded(pair), string.Empty) : new(Decoded(pair[..equals]), Decoded(pair[(equals + 1)..])));
        }

        return pairs;
    }

    private static string Decoded(ReadOnlySpan<char> part) =>
        part.ContainsAny('%', '+') ? Uri.UnescapeDataString(part.ToString().Replace('+', ' ')) : part.ToString();

    /// <summary>The form's limits on its encoded bytes, pair by pair, as ASP.NET Core's form reader checks and words them.</summary>
    private static void WithinLimits(ReadOnlySpan<byte> body, Microsoft.AspNetCore.Http.Metadata.IFormOptionsMetadata? limits)
    {
        var (countLimit, keyLimit, valueLimit) = (limits?.ValueCountLimit ?? FormReader.DefaultValueCountLimit, limits?.KeyLengthLimit ?? FormReader.DefaultKeyLengthLimit, limits?.ValueLengthLimit ?? FormReader.DefaultValueLengthLimit);
        var count = 0;
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            if ((equals < 0 ? pair.Length : equals) > keyLimit)
            {
                throw new InvalidDataException($"Form key length limit {keyLimit} exceeded.");
            }

            if (equals >= 0 && pair.Length - equals - 1 > valueLimit)
            {
                throw new InvalidDataException($"Form value length limit {valueLimit} exceeded.");
            }

            if (++count > countLimit)
            {
                throw new InvalidDataException($"Form value count limit {countLimit} exceeded.");
            }
        }
    }

    /// <summary>The charset a form-encoded body is decoded with (UTF-8 unless it names one), or null for a multipart form.</summary>
    private static System.Text.Encoding? FormEncoding(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? (StringSegment.IsNullOrEmpty(mediaType.Charset) ? null : Charsets.Resolve(HeaderUtilities.RemoveQuotes(mediaType.Charset).Value!)) ?? System.Text.Encoding.UTF8
            : null;

    private static async Task<List<KeyValuePair<string, string>>> PairsAsync(HttpRequest request, System.Text.Encoding encoding, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        if (encoding.GetByteCount("=") == 1 && encoding is not System.Text.UTF8Encoding)
        {
            // As a servlet reads a form: %XX are bytes of the form's charset, so caf%E9 in windows-1252 is café (the wider
            // charsets below decode escapes as UTF-8 whatever the charset).
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var decoded = new List<KeyValuePair<string, string>>();
            var body = buffer.ToArray();
            for (var start = 0; start <= body.Length;)
            {
                var end = Array.IndexOf(body, (byte)'&', start) is var amp and >= 0 ? amp : body.Length;
                var pair = body[start..end];
                if (pair.Length > 0)
                {
                    var equals = Array.IndexOf(pair, (byte)'=');
                    decoded.Add(equals >= 0
                        ? new(Decoded(pair[..equals], encoding), Decoded(pair[(equals + 1)..], encoding))
                        : new(Decoded(pair, encoding), string.Empty));
                }

                start = end + 1;
            }

            return decoded;
        }

        // A charset of wider characters (UTF-16, UTF-32): its text split as a UTF-8 body's is.
        using var reader = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: false);
        return ServletPairs(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string Decoded(byte[] part, System.Text.Encoding encoding) =>
        encoding.GetString(System.Net.WebUtility.UrlDecodeToBytes(part, 0, part.Length));

    // A multipart form's names are kept as its collection has them: no servlet reads one through getParameter anyway.
    private static List<KeyValuePair<string, string>> Pairs(IFormCollection form) =>
        [.. form.SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string>(field.Key, value ?? string.Empty)))];

    private static string? CharsetNotDecoded(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || StringSegment.IsNullOrEmpty(mediaType.Charset))
        {
            return null;
        }

        // As a Java servlet knows them: windows-1252, Cp1252, UTF8, ISO8859_1, Shift_JIS are all a client's fine choice.
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value!;
        return Charsets.Resolve(charset) is null ? charset : null;
    }
}
