namespace PauseResume.Simulator.Domain;

/// <summary>The list filters of LST-3; a null value means that filter is not applied, and both must match (LST-4).</summary>
public sealed record CoupleFilter(string? PhoneNumber = null, Side PhoneNumberSide = Side.Both, string? IpAddress = null, Side IpAddressSide = Side.Both)
{
    public static CoupleFilter None { get; } = new();

    public bool Matches(Couple couple) => Matches(couple, FilterMatch.Exact, FilterJoin.And);

    /// <summary>Whether <paramref name="couple"/> matches, its values read as <paramref name="match"/> says (LST-6) and the two filters joined by <paramref name="join"/> (LST-4).</summary>
    public bool Matches(Couple couple, FilterMatch match, FilterJoin join)
    {
        ArgumentNullException.ThrowIfNull(couple);
        var phone = PhoneNumber is null ? (bool?)null : OnSide(PhoneNumberSide, couple.CallingNumber, couple.CalledNumber, PhoneNumber, match);
        var ip = IpAddress is null ? (bool?)null : OnSide(IpAddressSide, couple.CallingIp, couple.CalledIp, IpAddress, match);
        return join == FilterJoin.Or && phone is not null && ip is not null ? phone.Value || ip.Value : phone != false && ip != false;
    }

    // LST-6: no case folding whatever the match; an empty value matches an empty one alone.
    private static bool OnSide(Side side, string? calling, string? called, string value, FilterMatch match) =>
        (side != Side.Called && Matches(calling, value, match)) || (side != Side.Calling && Matches(called, value, match));

    private static bool Matches(string? text, string value, FilterMatch match) => text is not null && (value.Length == 0 || match == FilterMatch.Exact
        ? string.Equals(text, value, StringComparison.Ordinal)
        : match == FilterMatch.Prefix ? text.StartsWith(value, StringComparison.Ordinal) : text.Contains(value, StringComparison.Ordinal));
}
