using System.Globalization;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// GEN-3 under a flood of connections: each one holds a file descriptor, and a process out of them can no longer accept,
/// open a file or even map new code, so it hangs or aborts. Kestrel closes at once every connection past
/// <c>MaxConcurrentConnections</c>; the limit is the process's open-files limit less room for what else it opens (the
/// world file, the runtime's own). Where the limit cannot be read (no <c>/proc</c>), Kestrel's default stands: no limit.
/// </summary>
public static class ConnectionLimit
{
    /// <summary>
    /// The connections the system queues for the server to accept (the listen backlog, Kestrel's default 512): Kestrel
    /// accepts a queued connection before it closes it past the limit, so a flood holds this many more for a moment.
    /// </summary>
    public const int Backlog = 64;

    /// <summary>
    /// GEN-3: what a connection's unread bytes may hold (Kestrel's default: 1 MB in the transport and 1 MB in the
    /// request's buffer), twice the largest request head Kestrel takes. A body the simulator does not read yet (it waits
    /// for its share of the bodies' budget, <c>RequestBodies</c>) stays in the socket: a client that sent most of a body of
    /// 1 MB and stopped held about that much of the server's memory, on every connection it opened.
    /// </summary>
    public const int ReadBufferBytes = 64 * 1024;

    /// <summary>Descriptors kept for everything but connections (the runtime, the listening sockets, files) and for the queued ones.</summary>
    public const int Headroom = 256 + Backlog;

    /// <summary>The smallest limit set, whatever the open-files limit: a process with fewer descriptors still serves a few clients.</summary>
    public const int Least = 16;

    /// <summary>The connections to serve at once for the open-files limit in <paramref name="limits"/> (the text of <c>/proc/self/limits</c>), or null.</summary>
    public static long? FromLimits(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            // "Max open files            1024                 1048576              files": the soft limit first.
            var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Max(Least, n - Headroom) : null; // "unlimited": none
        }

        return null;
    }

    /// <summary>The limit for this process, or null where its open-files limit cannot be read.</summary>
    public static long? OfThisProcess()
    {
        try
        {
            return FromLimits(File.ReadAllText("/proc/self/limits"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
