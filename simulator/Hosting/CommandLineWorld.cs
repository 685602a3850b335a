using System.Text;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The world the command line names, and its profile: the world's own (a file's, or the default), then the named
/// profile, the profile file and each <c>--set</c>, in that order whatever the order on the command line.
/// </summary>
internal static class CommandLineWorld
{
    /// <param name="fileFaults">The world file's faults (none without a file), read with the world: a file is read once.</param>
    public static Checked<World> Read(
        string? worldPath, int seed, DateTimeOffset now, RecorderProfile? named, string? profilePath, IReadOnlyList<string> settings, out Checked<IReadOnlyList<Fault>> fileFaults)
    {
        var world = Checked<World>.Ok(DefaultWorld.Create(now, seed));
        fileFaults = Checked<IReadOnlyList<Fault>>.Ok([]);
        if (worldPath is not null)
        {
            var file = ReadFile(worldPath, MaxWorldBytes, (bytes, source) => Checked<WorldFile>.Ok(new WorldFile(WorldReader.ReadWithFaults(bytes, source))));
            (world, fileFaults) = file.Error is null ? file.Value!.Read : (Checked<World>.Fail(file.Error), Checked<IReadOnlyList<Fault>>.Fail(file.Error));
        }

        if (world.Error is not null)
        {
            return world;
        }

        var profile = named ?? world.Value!.Profile;
        if (profilePath is not null)
        {
            var fromFile = ReadFile(profilePath, MaxProfileBytes, (bytes, source) => ReadProfile(bytes, source, profile));
            if (fromFile.Error is not null)
            {
                return Checked<World>.Fail(fromFile.Error);
            }

            profile = fromFile.Value!;
        }

        foreach (var parts in settings.Select(setting => setting.Split('=', 2)))
        {
            var change = profile.With(parts[0], parts[1]);
            if (change.Error is not null)
            {
                return Checked<World>.Fail(change.Error);
            }

            profile = change.Profile!;
        }

        return Checked<World>.Ok(world.Value! with { Profile = profile });
    }

    /// <summary>The world file's faults (as <see cref="Read"/> gave them), then the command line's, each name used once.</summary>
    public static Checked<IReadOnlyList<Fault>> Faults(Checked<IReadOnlyList<Fault>> fromFile, IReadOnlyList<Fault> fromCommandLine)
    {
        if (fromFile.Error is not null)
        {
            return fromFile;
        }

        IReadOnlyList<Fault> all = [.. fromFile.Value!, .. fromCommandLine];
        return all.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? Checked<IReadOnlyList<Fault>>.Fail($"two faults are named {twice.Key}; give each a name=")
            : Checked<IReadOnlyList<Fault>>.Ok(all);
    }

    // A world and its faults as one value, for ReadFile.
    private sealed record WorldFile((Checked<World> World, Checked<IReadOnlyList<Fault>> Faults) Read);

    /// <summary>The largest world file read: ten million calls' worth, far above what loads in seconds.</summary>
    private const int MaxWorldBytes = 1 << 30;

    /// <summary>The largest profile file read: a profile is a few hundred bytes, a probed one with its notes a few thousand.</summary>
    private const int MaxProfileBytes = 1 << 20;

    /// <summary>What a file whose length is not known (a pipe, a device) is read in, a step at a time.</summary>
    private const int Step = 1 << 20;

    // The file's bytes, not its text: a world of a million calls is read once, as UTF-8, without a copy as UTF-16. A file
    // over the bound is refused from its length, unread; one whose length is not known (a pipe, a device) is read up to
    // the bound in steps of a fixed size (never into a buffer that doubles past it), and given up at once when it does not
    // start as a JSON object does: a device or a pipe that never ends (--world /dev/urandom) would otherwise be read until
    // memory ran out. A regular file is read into one array of its length, which is handed on without a copy.
    private static Checked<T> ReadFile<T>(string path, int maxBytes, Func<byte[], string, Checked<T>> read)
        where T : class
    {
        try
        {
            using var file = Open(path);
            if (file is null)
            {
                return Checked<T>.Fail($"{path}: cannot be read: nothing opened it for writing within {OpenTimeout.TotalSeconds:0} s (a named pipe no program writes to)");
            }

            var tooLarge = Checked<T>.Fail($"{path}: larger than {maxBytes / (1 << 20)} MiB: not a file of the simulator's");
            if (file.CanSeek && file.Length > maxBytes)
            {
                return tooLarge;
            }

            // A length of 0 is no length: /dev/urandom and /proc files say 0 and never end, or end later.
            var sized = file.CanSeek && file.Length > 0;
            var steps = new List<byte[]>();
            var last = 0; // the bytes in the last step
            var total = 0L;
            var step = new byte[sized ? (int)file.Length : Step];
            var opening = new Opening();
            while (true)
            {
                var count = file.Read(step, last, step.Length - last);
                if (count == 0)
                {
                    break;
                }

                // Read on while only blanks came: the first byte that is not one decides.
                if (opening.Read(step.AsSpan(last, count)) is false)
                {
                    return Checked<T>.Fail($"{path}: not a JSON object: it does not start with '{{'");
                }

                (last, total) = (last + count, total + count);
                if (total > maxBytes)
                {
                    return tooLarge;
                }

                if (last == step.Length)
                {
                    steps.Add(step);
                    (step, last) = (new byte[sized ? 1 << 12 : Step], 0); // a sized file is whole: this read only finds its end
                }
            }

            var bytes = steps is [var whole] && last == 0 ? whole : Joined(steps, step, last, total);
            var decoded = WorldReader.Utf8(bytes);
            return decoded.Error is null ? read(decoded.Value!, path) : Checked<T>.Fail($"{path}: {decoded.Error}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Checked<T>.Fail($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>How long a file of no length (a pipe, a device) may take to open.</summary>
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The file opened for reading, or null when it did not open within <see cref="OpenTimeout"/>: opening a named pipe
    /// waits for a program to open it for writing, and the start waited for ever, with nothing said (--world on a FIFO).
    /// A pipe that has a writer (a shell's <c>--world &lt;(…)</c>) opens at once and is read as before; a file with a
    /// length is a regular one, opened here, without a thread to wait on.
    /// </summary>
    private static FileStream? Open(string path)
    {
        FileStream Opened() => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (new FileInfo(path) is { Exists: true, Length: > 0 })
        {
            return Opened();
        }

        var opening = Task.Factory.StartNew(Opened, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!opening.Wait(OpenTimeout))
            {
                // Its thread stays blocked in the open until a writer comes or the process ends, which a refused start does.
                return null;
            }
        }
        catch (AggregateException e) when (e.InnerException is { } cause)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }

        return opening.Result;
    }

    private static byte[] Joined(List<byte[]> steps, byte[] step, int last, long total)
    {
        var bytes = new byte[total];
        var at = 0;
        foreach (var full in steps)
        {
            full.CopyTo(bytes, at);
            at += full.Length;
        }

        step.AsSpan(0, last).CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    /// <summary>
    /// Blanks, then '{', after a byte-order mark (UTF-16 and UTF-32 put zero bytes between the characters, which are then
    /// skipped too): what every world and profile file starts with. Fed each read in turn until a byte decides.
    /// </summary>
    internal sealed class Opening
    {
        private bool started;
        private bool wide;
        private bool? decided;

        /// <summary>True once a '{' came first, false once anything else did, null while only blanks came.</summary>
        public bool? Read(ReadOnlySpan<byte> read)
        {
            if (decided is not null)
            {
                return decided;
            }

            var text = read;
            if (!started)
            {
                started = true;
                wide = read is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..];
                text = read is [0xEF, 0xBB, 0xBF, ..] ? read[3..] : read is [0x00, 0x00, 0xFE, 0xFF, ..] ? read[4..] : wide ? read[2..] : read;
            }

            foreach (var b in text)
            {
                if (b is (byte)'{')
                {
                    return decided = true;
                }

                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') && !(wide && b == 0))
                {
                    return decided = false;
                }
            }

            return null;
        }
    }

    private static Checked<RecorderProfile> ReadProfile(byte[] text, string source, RecorderProfile current)
    {
        if (Json.JsonEscapes.NotText(text) is { } half)
        {
            return Checked<RecorderProfile>.Fail($"{source}: not valid JSON text: {half}");
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            var profile = ProfileJson.Read(document.RootElement.Clone(), current);
            return profile.Error is null ? profile : Checked<RecorderProfile>.Fail($"{source}: {profile.Error}");
        }
        catch (System.Text.Json.JsonException e)
        {
            return Checked<RecorderProfile>.Fail($"{source}: not valid JSON: {e.Message}");
        }
    }
}
