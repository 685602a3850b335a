using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>Reads the list filters of LST-3 from the query string, as a JAX-RS server converts them (LST-6).</summary>
internal static class ListFilter
{
    public const string PhoneNumber = "phoneNumber";
    public const string PhoneNumberDirection = "phoneNumberDirection";
    public const string IpAddress = "ipAddress";
    public const string IpAddressDirection = "ipAddressDirection";

    /// <summary>The filter, or null with <paramref name="error"/> set when a direction is not CALLING, CALLED or BOTH.</summary>
    public static CoupleFilter? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var phoneSide = Side(query, PhoneNumberDirection, ref error);
        var ipSide = Side(query, IpAddressDirection, ref error);
        return error is null
            ? new CoupleFilter(First(query, PhoneNumber), phoneSide, First(query, IpAddress), ipSide)
            : null;
    }

    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values[0] ?? string.Empty : null;

    private static Side Side(IQueryCollection query, string name, ref string? error)
    {
        var value = First(query, name);
        switch (value)
        {
            case null or "BOTH": // LST-3: absent means BOTH
                return Domain.Side.Both;
            case "CALLING":
                return Domain.Side.Calling;
            case "CALLED":
                return Domain.Side.Called;
            default:
                error ??= $"{name}={Shorten(value)} is not CALLING, CALLED or BOTH (upper case)";
                return Domain.Side.Both;
        }
    }

    internal static string Shorten(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}…' ({value.Length} characters)";
}
