using System.Net;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The addresses of <c>--urls</c>, checked before the server sees them, so a mistake is one line naming it, not a
/// stack trace; and whether any reaches beyond this machine (Kestrel binds every interface for a host name that is
/// not an IP address or <c>localhost</c>).
/// </summary>
internal static class ListenAddresses
{
    /// <param name="source">Where <paramref name="urls"/> came from (<c>--urls</c> or <c>ASPNETCORE_URLS</c>), for the message.</param>
    public static string? Check(string urls, string source, out bool beyondLoopback)
    {
        beyondLoopback = false;
        var each = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (each.Length == 0)
        {
            return $"{source} needs at least one address, like http://127.0.0.1:8080";
        }

        foreach (var url in each)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                return $"{source}: '{url}' is not an address to listen on, like http://127.0.0.1:8080";
            }

            if (address.Scheme is not ("http" or "https"))
            {
                return $"{source}: '{url}' must start with http:// or https://";
            }

            if (address.IsUnixPipe)
            {
                continue; // a Unix socket is reachable from this machine only
            }

            if (address.Host.StartsWith('[') ? !address.Host.EndsWith(']') : address.Host.Contains(':', StringComparison.Ordinal))
            {
                // Not a port Kestrel could read (http://127.0.0.1:abc): taken for part of the host, that read as beyond this machine.
                return $"{source}: '{url}' has a port that is not a number; a port is 0 to 65535 (0 picks a free one)";
            }

            if (address.Port is < 0 or > 65535)
            {
                return $"{source}: '{url}' has port {address.Port}; a port is 0 to 65535 (0 picks a free one)";
            }

            beyondLoopback |= !IsLoopback(address.Host);
        }

        return null;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var ip) && IPAddress.IsLoopback(ip));
}
