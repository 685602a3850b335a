using System.Text.Json;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// Reads a world file in one pass over its UTF-8 bytes, with the meaning of <see cref="WorldJson"/>: a world of a
/// million calls is a file of some hundred megabytes, and a document or a list of <see cref="CallJson"/> built
/// from it first would cost seconds and hold as much again. Each call is checked and turned into a
/// <see cref="NewCall"/> as it is read; a call in the plain form (known names in camelCase, string values, a
/// numeric callId) is read directly, anything else by the serializer, so both read alike. Repeated numbers and IPs
/// (a gateway's IP on thousands of calls) become one string.
/// </summary>
internal static class WorldReader
{
    /// <summary>
    /// A file's or a body's bytes as the readers take them: decoded as its byte-order mark says (UTF-8 with a mark, as many
    /// editors save, or UTF-16 or UTF-32), the mark dropped; bytes without a mark are taken as UTF-8, unchanged, so a byte
    /// that is not UTF-8 is still there for <see cref="Read(ReadOnlySpan{byte}, string, bool)"/> to name its place. UTF-16
    /// or UTF-32 that holds no character (half of a surrogate pair, a number past U+10FFFF) is refused with its place, as
    /// bytes that are not UTF-8 are: put in as U+FFFD, the world would hold other text than the file.
    /// </summary>
    public static Checked<byte[]> Utf8(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Checked<byte[]>.Ok(bytes[3..]);
        }

        // The marks as a StreamReader tells them: FF FE 00 00 is UTF-32 before it is UTF-16.
        (int Width, bool BigEndian)? wide = bytes switch
        {
            [0x00, 0x00, 0xFE, 0xFF, ..] => (4, true),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (4, false),
            [0xFE, 0xFF, ..] => (2, true),
            [0xFF, 0xFE, ..] => (2, false),
            _ => null,
        };
        if (wide is not var (width, bigEndian))
        {
            return Checked<byte[]>.Ok(bytes);
        }

        var name = width == 4 ? "UTF-32" : "UTF-16";
        if (NoCharacter(bytes, width, bigEndian) is { } at)
        {
            return Checked<byte[]>.Fail($"it is not {name} text: the byte(s) at offset {at} are no character (half of a surrogate pair, a number past U+10FFFF, or a unit cut short); save it as UTF-8");
        }

        System.Text.Encoding encoding = width == 4 ? new System.Text.UTF32Encoding(bigEndian, byteOrderMark: false) : new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: false);
        return Checked<byte[]>.Ok(System.Text.Encoding.UTF8.GetBytes(encoding.GetString(bytes, width, bytes.Length - width)));
    }

    /// <summary>The offset of the first unit after the mark of <paramref name="width"/> bytes that is no character; null where every one is.</summary>
    private static int? NoCharacter(byte[] bytes, int width, bool bigEndian)
    {
        int Unit(int at) => width == 4
            ? (bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at)) : System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at)))
            : bigEndian ? (bytes[at] << 8) | bytes[at + 1] : (bytes[at + 1] << 8) | bytes[at];
        for (var at = width; at < bytes.Length; at += width)
        {
            if (bytes.Length - at < width)
            {
                return at;
            }

            var unit = Unit(at);
            var high = unit is >= 0xD800 and <= 0xDBFF;
            if (width == 4 ? unit is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)
                : unit is >= 0xDC00 and <= 0xDFFF || (high && (bytes.Length - at < 4 || Unit(at + 2) is < 0xDC00 or > 0xDFFF)))
            {
                return at;
            }

            at += width == 2 && high ? 2 : 0;
        }

        return null;
    }

    /// <summary>The world in <paramref name="utf8"/>; with <paramref name="faultsAllowed"/> false, one that names faults is refused.</summary>
    public static Checked<World> Read(ReadOnlySpan<byte> utf8, string source, bool faultsAllowed) => Read(utf8, source, faultsAllowed, out _);

    /// <summary>
    /// The world in <paramref name="utf8"/> and its faults, from one reading: a host that starts with both reads a file of a
    /// million calls once, not a second time for its faults. The faults are read only once the world is; the world's
    /// mistake comes first, as when each is read alone.
    /// </summary>
    public static (Checked<World> World, Checked<IReadOnlyList<Faults.Fault>> Faults) ReadWithFaults(ReadOnlySpan<byte> utf8, string source)
    {
        var world = Read(utf8, source, faultsAllowed: true, out var read);
        return (world, world.Error is null ? WorldJson.ToFaults(read?.Faults, source) : Checked<IReadOnlyList<Faults.Fault>>.Fail(world.Error));
    }

    private static Checked<World> Read(ReadOnlySpan<byte> utf8, string source, bool faultsAllowed, out WorldJson? read)
    {
        read = null;
        if (JsonEscapes.NotUtf8(utf8) is { } where)
        {
            return Checked<World>.Fail($"{source}: not a valid world file: it is not UTF-8 text: {where} is not part of a UTF-8 character; save it as UTF-8");
        }

        if (JsonEscapes.LoneSurrogate(utf8) is { } half)
        {
            return Checked<World>.Fail($"{source}: not a valid world file: {half}");
        }

        Parsed parsed;
        try
        {
            parsed = Parse(utf8, readCalls: true);
        }
        catch (JsonException e)
        {
            return Checked<World>.Fail($"{source}: not a valid world file: {JsonProblem.Located(e)}");
        }

        read = parsed.World;
        return parsed.World is null ? Checked<World>.Fail($"{source}: not a valid world file: it is empty")
            : parsed.World.Faults is not null && !faultsAllowed ? Checked<World>.Fail($"{source}.faults: a reset keeps the faults switched on; switch them with /simulator/faults")
            : parsed.World.ToWorld(source, parsed.CallsError is null ? Checked<IReadOnlyList<NewCall>>.Ok(parsed.Calls) : Checked<IReadOnlyList<NewCall>>.Fail(parsed.CallsError));
    }

    /// <summary>The file's <c>faults</c> as written, its calls only skipped; null when the file is <c>null</c>.</summary>
    public static WorldJson? ReadWithoutCalls(ReadOnlySpan<byte> utf8) => Parse(utf8, readCalls: false).World;

    private static Parsed Parse(ReadOnlySpan<byte> utf8, bool readCalls)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return new Parsed(null, new CallColumns(), null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"a world file is a JSON object, not {reader.TokenType}");
        }

        var types = SimulatorJsonContext.Default;
        var world = new WorldJson(null, null, null, null);
        var calls = new CallColumns();
        string? callsError = null;
        var parts = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var key = RecorderProfile.Key(name);
            if (!parts.Add(key))
            {
                throw new JsonException($"'{Http.ClientText.Escaped(name)}' is given more than once: a world file gives each part once");
            }

            try
            {
                switch (key)
                {
                    case "SEED": world = world with { Seed = JsonSerializer.Deserialize(ref reader, types.NullableInt32) }; break;
                    case "PROFILE": world = world with { Profile = JsonSerializer.Deserialize(ref reader, types.NullableJsonElement) }; break;
                    case "USERS": world = world with { Users = JsonSerializer.Deserialize(ref reader, types.IReadOnlyListUserJson) }; break;
                    case "CLOCK": world = world with { Clock = JsonSerializer.Deserialize(ref reader, types.ClockChangeJson) }; break;
                    case "TRAFFIC": world = world with { Traffic = JsonSerializer.Deserialize(ref reader, types.TrafficChangeJson) }; break;
                    case "FAULTS": world = world with { Faults = JsonSerializer.Deserialize(ref reader, types.IReadOnlyListFaultJson) }; break;
                    case "CALLS" when !readCalls: reader.Skip(); break;
                    case "CALLS": (calls, callsError) = ReadCalls(ref reader); break;
                    default: throw new JsonException($"'{Http.ClientText.Escaped(name)}' is not a part of a world file (seed, profile, users, calls, clock, traffic, faults)");
                }
            }
            catch (JsonException e) when (e.Path is not null)
            {
                // The serializer reads one part at a time here, so its path starts at the part: name the part first.
                throw new JsonException($"{name}: {e.Message}", e.Path is "$" ? $"$.{name}" : $"$.{name}{e.Path[1..]}", e.LineNumber, e.BytePositionInLine, e);
            }
        }

        End(ref reader);
        return new Parsed(world, calls, callsError);
    }

    // Nothing may follow the world but white space.
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"{reader.TokenType} after the end of the world");
        }
    }

    /// <summary>The calls, or from the first call that is not one, the reason (the rest is still read, so a JSON mistake further on is still found).</summary>
    private static (CallColumns Calls, string? Error) ReadCalls(ref Utf8JsonReader reader)
    {
        var calls = new CallColumns();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (calls, null);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"calls: a JSON array, not {reader.TokenType}");
        }

        var strings = new StringCache();
        string? error = null;
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (error is not null)
            {
                reader.Skip();
                continue;
            }

            var start = reader;
            if (reader.TokenType != JsonTokenType.StartObject || !ReadPlain(ref reader, strings, out var call))
            {
                reader = start;
                CallJson? read;
                try
                {
                    read = JsonSerializer.Deserialize(ref reader, SimulatorJsonContext.Default.CallJson);
                }
                catch (JsonException e)
                {
                    throw new JsonException($"calls[{i}]{e.Path?.TrimStart('$')}: {e.Message}", e);
                }

                if (read is null)
                {
                    error = $"calls[{i}]: null";
                    continue;
                }

                call = new CallValues(read.CallingNumber, read.CalledNumber, read.CallingIp, read.CalledIp, read.Direction, read.CoupleType, read.CallId, read.Start);
            }

            // Checked once, here, as CallJson.ToNewCall checks a call, and kept as values: no CallJson nor NewCall per call.
            error = CallJson.Problem(null, i, call.CallingNumber, call.CalledNumber, call.CallingIp, call.CalledIp, call.Direction, call.CoupleType, call.CallId, out var direction, out var type);
            if (error is null)
            {
                calls.Add(call.CallingNumber!, call.CalledNumber!, call.CallingIp, call.CalledIp, direction, type, call.CallId, call.Start);
            }
        }

        return (calls, error);
    }

    /// <summary>A call of known camelCase names, string values and a numeric callId, each once; false for anything else.</summary>
    private static bool ReadPlain(ref Utf8JsonReader reader, StringCache strings, out CallValues call)
    {
        call = default;
        string? callingNumber = null, calledNumber = null, callingIp = null, calledIp = null, direction = null, coupleType = null;
        long? callId = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var part = reader.ValueIsEscaped || reader.HasValueSequence ? 0 : Part(reader.ValueSpan);
            if (part == 0 || (seen & part) != 0 || !reader.Read())
            {
                return false;
            }

            seen |= part;
            if (part == 64)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var id))
                {
                    return false;
                }

                callId = id;
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var text = strings.Get(ref reader);
            _ = part switch
            {
                1 => callingNumber = text,
                2 => calledNumber = text,
                4 => callingIp = text,
                8 => calledIp = text,
                16 => direction = text,
                _ => coupleType = text,
            };
        }

        call = new CallValues(callingNumber, calledNumber, callingIp, calledIp, direction, coupleType, callId, null);
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>
    /// The bit of a call's part by its name as written (an escaped name is left to the serializer), or 0 for any other
    /// name: one comparison by length and first letter, where trying each name in turn took five comparisons a part.
    /// </summary>
    private static int Part(ReadOnlySpan<byte> name) => name.Length switch
    {
        13 when name.SequenceEqual("callingNumber"u8) => 1,
        12 when name.SequenceEqual("calledNumber"u8) => 2,
        9 when name[0] == (byte)'c' && name.SequenceEqual("callingIp"u8) => 4,
        8 when name.SequenceEqual("calledIp"u8) => 8,
        9 when name.SequenceEqual("direction"u8) => 16,
        10 when name.SequenceEqual("coupleType"u8) => 32,
        6 when name.SequenceEqual("callId"u8) => 64,
        _ => 0,
    };

    /// <summary>One call as written, not yet checked: a value on the stack, where a <see cref="CallJson"/> per call was an object to collect.</summary>
    private readonly record struct CallValues(
        string? CallingNumber, string? CalledNumber, string? CallingIp, string? CalledIp, string? Direction, string? CoupleType, long? CallId, DateTimeOffset? Start);

    private sealed record Parsed(WorldJson? World, CallColumns Calls, string? CallsError);

    /// <summary>
    /// One string per distinct value, for the first <see cref="MaxKept"/> distinct values (the gateways' and agents' come
    /// early and again and again); a value already seen is matched without a string made for it. An escaped value
    /// (<c>\u002B</c> for the <c>+</c> of a number, as many JSON writers escape it) is unescaped into the same buffer.
    /// </summary>
    private sealed class StringCache
    {
        private const int MaxKept = 65_536;

        // The longest value a call may hold, each character escaped (\uXXXX): a longer one is refused anyway.
        private const int MaxBytes = CallText.MaxLength * 6;
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);

        // One buffer for every value, not a stackalloc cleared on each of the millions of values a large world holds.
        private readonly char[] buffer = new char[MaxBytes];

        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
            {
                return reader.GetString()!;
            }

            // Neither UTF-8 nor an escape has fewer bytes than the UTF-16 chars it holds, so the value fits.
            var value = buffer.AsSpan(0, reader.CopyString(buffer));
            if (seen.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var known))
            {
                return known;
            }

            var made = new string(value);
            if (seen.Count < MaxKept)
            {
                seen[made] = made;
            }

            return made;
        }
    }
}
