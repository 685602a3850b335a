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
            return new Parameters([], query, NotDecoded(charset), true);
        }

        // Every form is read here, never by ASP.NET Core's form reader: it matches names in any case, runs a name across
        // an '&' and counts empty pieces, and in a UTF-16 or UTF-32 body it finds '&' and '=' in the bytes of other
        // characters. The form feature is set from the pairs, so Request.Form and the client audit see what was read.
        var limits = FormLimits.Of(request);
        try
        {
            var pairs = FormCharset(request.ContentType) is var (encoding, name)
                ? FormPairs(await BodyAsync(request, cancellationToken).ConfigureAwait(false), encoding, name, limits)
                : await MultipartPairsAsync(request, limits, cancellationToken).ConfigureAwait(false);
            var form = new KeyValueAccumulator();
            foreach (var pair in pairs)
            {
                form.Append(pair.Key, pair.Value);
            }

            request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(new FormCollection(form.GetResults())));
            return new Parameters(pairs, query, null);
        }
        catch (PartCharsetException e)
        {
            return new Parameters([], query, NotDecoded(e.Charset), true);
        }
        catch (FormLimitException e)
        {
            return new Parameters([], query, $"the form body could not be read: {e.Message}");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or System.Text.DecoderFallbackException)
        {
            // PSE-2: a 400 naming the mistake in plain words, whatever the framework's text (a body over the size limit too:
            // the rules give pausedState no 413, and a servlet container that drops a form past its maxPostSize reads no paused).
            return new Parameters([], query, $"the form body could not be read: {BodyProblem.Of(e, request)}");
        }
    }

    private static string NotDecoded(string charset) => $"the form body's charset {ListFilter.Shorten(charset)} is not one this server decodes (use UTF-8)";

    /// <summary>
    /// The buffer a body is copied through: a chunk of the bodies' budget (<see cref="RequestBodies"/>). The default, 80 KB,
    /// came from a shared pool that many bodies read at once outran, each then a new array of 128 KB held while its body
    /// arrived.
    /// </summary>
    private const int CopyBufferBytes = RequestBodies.Chunk;

    /// <summary>
    /// The body, read once. Its buffer grows as bytes arrive: a declared length reserves nothing before they do (a
    /// client that declares 64 KB and sends a byte a second holds no 64 KB buffer for it).
    /// </summary>
    private static async Task<ArraySegment<byte>> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(request.ContentLength is > 0 and <= 4096 ? (int)request.ContentLength : 256);
        await request.Body.CopyToAsync(body, CopyBufferBytes, cancellationToken).ConfigureAwait(false);
        return new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length);
    }

    /// <summary>
    /// A form-encoded body's pairs in order and as spelled, within the endpoint's form limits (counted on the form as
    /// sent: in bytes, and for UTF-16 and UTF-32 in characters, so a text passes or fails alike in every charset).
    /// </summary>
    private static List<KeyValuePair<string, string>> FormPairs(ArraySegment<byte> body, System.Text.Encoding encoding, string? charset, FormLimits limits)
    {
        if (encoding is System.Text.UTF8Encoding)
        {
            limits.Check(body.AsSpan(), (byte)'&', (byte)'=');
            return ServletPairs(System.Text.Encoding.UTF8.GetString(body));
        }

        if (encoding.GetByteCount("=") == 1)
        {
            limits.Check(body.AsSpan(), (byte)'&', (byte)'=');
            return SingleBytePairs(body, encoding);
        }

        // A charset of wider characters: its text split as a UTF-8 body's is.
        var text = TextOf(body, encoding, charset);
        limits.Check(text.AsSpan(), '&', '=');
        return ServletPairs(text);
    }

    /// <summary>
    /// The text of bytes in <paramref name="encoding"/>. UTF-16 or UTF-32 named without its byte order (<c>utf-16</c>,
    /// <c>utf-32</c>) is read as Java reads it: in the order its byte-order mark names (the mark dropped), big-endian
    /// without one. Any other (<c>utf-16le</c>, UTF-8), a mark is a character of the text, as in Java.
    /// </summary>
    private static string TextOf(ArraySegment<byte> body, System.Text.Encoding encoding, string? charset)
    {
        var unmarked = charset?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() is "UTF16" or "UTF32" or "UNICODE";
        if (!unmarked)
        {
            return encoding.GetString(body);
        }

        var bytes = body.AsSpan();
        var wide = encoding.GetByteCount("=") == 4;
        var (littleEndian, mark) = wide
            ? bytes is [0xFF, 0xFE, 0, 0, ..] ? (true, 4) : bytes is [0, 0, 0xFE, 0xFF, ..] ? (false, 4) : (false, 0)
            : bytes is [0xFF, 0xFE, ..] ? (true, 2) : bytes is [0xFE, 0xFF, ..] ? (false, 2) : (false, 0);
        System.Text.Encoding ordered = wide ? new System.Text.UTF32Encoding(bigEndian: !littleEndian, byteOrderMark: false) : new System.Text.UnicodeEncoding(bigEndian: !littleEndian, byteOrderMark: false);
        return ordered.GetString(bytes[mark..]);
    }

    /// <summary>
    /// A multipart form's fields (its parts without a file name), each name as sent: a servlet that reads a multipart
    /// form through <c>getParameter</c> matches its names exactly, as it does a form-encoded body's. A part's value is
    /// decoded in the charset its own Content-Type names (UTF-8 without one); a charset no server decodes refuses the form.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>> MultipartPairsAsync(HttpRequest request, FormLimits limits, CancellationToken cancellationToken)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            throw new FormLimitException("a multipart form needs a boundary of 1 to 200 characters");
        }

        // No limit of its own on a part's size: a file part is skipped whatever its size, and the body's is the endpoint's.
        // Every part counts against the form's count, a skipped one too (as a servlet container caps parts): else a body of
        // many empty parts costs the server a part's work each and is never refused.
        var reader = new MultipartReader(boundary.Value!, request.Body);
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            limits.Check(0, 0, ++parts);

            // A field is a form-data part (the type in any case, RFC 6266) without a file name, not even an empty one (an
            // empty file input, which a servlet takes for a file too); a file or anything else is no parameter.
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || disposition.Parameters.Any(p => p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            var (encoding, charset) = ((System.Text.Encoding)System.Text.Encoding.UTF8, (string?)null);
            if (MediaTypeHeaderValue.TryParse(section.ContentType, out var partType) && !StringSegment.IsNullOrEmpty(partType.Charset))
            {
                charset = HeaderUtilities.RemoveQuotes(partType.Charset).Value!;
                encoding = Charsets.Resolve(charset) ?? throw new PartCharsetException(charset);
            }

            // Its bytes decoded as a form's text is, so a byte-order mark or a byte order is read alike in both.
            using var value = new MemoryStream();
            await section.Body.CopyToAsync(value, CopyBufferBytes, cancellationToken).ConfigureAwait(false);
            var bytes = new ArraySegment<byte>(value.GetBuffer(), 0, (int)value.Length);
            pairs.Add(new(name, TextOf(bytes, encoding, charset)));
            limits.Check(name.Length, pairs[^1].Value.Length, parts);
        }

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

    /// <summary>
    /// A single-byte form (ISO-8859-1, windows-1252, Shift_JIS' ASCII bytes alike) as a servlet reads it: split at the
    /// bytes '&amp;' and '=', each <c>%XX</c> a byte of the form's charset, so <c>caf%E9</c> in windows-1252 is café.
    /// </summary>
    private static List<KeyValuePair<string, string>> SingleBytePairs(ArraySegment<byte> body, System.Text.Encoding encoding)
    {
        var decoded = new List<KeyValuePair<string, string>>();
        var bytes = body.AsSpan();
        foreach (var range in bytes.Split((byte)'&'))
        {
            var pair = bytes[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            decoded.Add(equals >= 0
                ? new(Decoded(pair[..equals], encoding), Decoded(pair[(equals + 1)..], encoding))
                : new(Decoded(pair, encoding), string.Empty));
        }

        return decoded;
    }

    private static string Decoded(ReadOnlySpan<byte> part, System.Text.Encoding encoding)
    {
        var bytes = part.ToArray();
        return encoding.GetString(System.Net.WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
    }

    /// <summary>
    /// The charset a form-encoded body is decoded with and the name it was given by (UTF-8, unnamed, unless it names
    /// one), or null for a multipart form.
    /// </summary>
    private static (System.Text.Encoding Encoding, string? Name)? FormCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (StringSegment.IsNullOrEmpty(mediaType.Charset))
        {
            return (System.Text.Encoding.UTF8, null);
        }

        var name = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value!;
        return (Charsets.Resolve(name) ?? System.Text.Encoding.UTF8, name.Trim().Trim('"').Trim());
    }

    /// <summary>A multipart part whose charset no server decodes: the form is refused as one in such a charset is.</summary>
    private sealed class PartCharsetException(string charset) : Exception($"charset {charset}")
    {
        public string Charset { get; } = charset;
    }

    /// <summary>A form the simulator's own reading refuses, with a message in its words.</summary>
    private sealed class FormLimitException(string message) : Exception(message);

    /// <summary>The endpoint's form limits, checked pair by pair.</summary>
    private readonly record struct FormLimits(int ValueCount, int KeyLength, int ValueLength)
    {
        public static FormLimits Of(HttpRequest request) =>
            request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IFormOptionsMetadata>() is { } limits
                ? new(limits.ValueCountLimit ?? FormReader.DefaultValueCountLimit, limits.KeyLengthLimit ?? FormReader.DefaultKeyLengthLimit, limits.ValueLengthLimit ?? FormReader.DefaultValueLengthLimit)
                : new(FormReader.DefaultValueCountLimit, FormReader.DefaultKeyLengthLimit, FormReader.DefaultValueLengthLimit);

        /// <summary>A form as sent, split as <see cref="ServletPairs"/> splits it: empty pieces are no pairs and count for nothing.</summary>
        public void Check<T>(ReadOnlySpan<T> body, T separator, T equalsSign)
            where T : IEquatable<T>
        {
            var count = 0;
            foreach (var range in body.Split(separator))
            {
                var pair = body[range];
                if (!pair.IsEmpty)
                {
                    var equals = pair.IndexOf(equalsSign);
                    Check(equals < 0 ? pair.Length : equals, equals < 0 ? 0 : pair.Length - equals - 1, ++count);
                }
            }
        }

        public void Check(int keyLength, int valueLength, int count)
        {
            if (keyLength > KeyLength)
            {
                throw new FormLimitException($"a field's name is over {KeyLength} characters");
            }

            if (valueLength > ValueLength)
            {
                throw new FormLimitException($"a field's value is over {ValueLength} characters");
            }

            if (count > ValueCount)
            {
                throw new FormLimitException($"it has over {ValueCount} fields");
            }
        }
    }

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
