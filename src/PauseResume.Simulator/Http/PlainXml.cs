using System.Buffers;
using System.Globalization;
using System.Text;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Writes an indented XML document straight into bytes, for the list and details documents every client reads many
/// times a second: the <see cref="System.Xml.XmlWriter"/> allocates buffers and tables of several kilobytes for each
/// document, more than the rest of a request. It writes only what is plain (printable ASCII that nothing escapes, see
/// <see cref="IsPlain"/>), so each byte is the one the XmlWriter writes; a document with any other value is written by
/// the XmlWriter instead (<see cref="CouplesXml"/>), and a test holds the two byte for byte.
/// </summary>
internal sealed class PlainXml : IDisposable
{
    private static readonly string NewLine = Environment.NewLine; // the XmlWriter's default NewLineChars
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
    private int length;

    /// <summary>
    /// Whether the XmlWriter writes <paramref name="value"/> unchanged in both text and attributes: not empty (an empty
    /// element is written short), printable ASCII, nothing it escapes (<c>&amp; &lt; &gt; "</c>) and no <c>'</c>.
    /// </summary>
    public static bool IsPlain(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '&' or '<' or '>' or '"' or '\'')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text known to be plain: markup, or a value <see cref="IsPlain"/> let through.</summary>
    public PlainXml Raw(string text)
    {
        Ensure(text.Length);
        length += Encoding.ASCII.GetBytes(text, buffer.AsSpan(length));
        return this;
    }

    public PlainXml Number(long value)
    {
        Ensure(20);
        value.TryFormat(buffer.AsSpan(length), out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        return this;
    }

    /// <summary>A line break, then four spaces per level, as <c>Indent = true</c> with <c>IndentChars = "    "</c> writes.</summary>
    public PlainXml Line(int level) => Raw(NewLine).Raw(level switch { 0 => string.Empty, 1 => "    ", 2 => "        ", _ => new string(' ', 4 * level) });

    /// <summary>The bytes written since the start or the last <see cref="Clear"/>.</summary>
    public int Length => length;

    public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    /// <summary>Forgets what was written, keeping the buffer: a document sent in parts is written on after a part went out.</summary>
    public void Clear() => length = 0;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Ensure(int more)
    {
        if (length + more <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
