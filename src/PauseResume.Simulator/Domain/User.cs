namespace PauseResume.Simulator.Domain;

/// <summary>A recorder account. No phone masks means access to every call.</summary>
public sealed record User(string Login, string Password, Permissions Permissions, IReadOnlyList<string> PhoneMasks)
{
    // Checked here, where every mask enters from code, a world file or the control API alike.
    private readonly IReadOnlyList<string> phoneMasks = Validated(PhoneMasks);

    public User(string login, string password, Permissions permissions, params string[] phoneMasks)
        : this(login, password, permissions, (IReadOnlyList<string>)phoneMasks)
    {
    }

    /// <summary>The masks, each checked by <see cref="PhoneMask.Problem(string?)"/>; a bad one is an <see cref="ArgumentException"/>.</summary>
    public IReadOnlyList<string> PhoneMasks
    {
        get => phoneMasks;
        init => phoneMasks = Validated(value);
    }

    public bool MayList => Permissions.HasFlag(Permissions.CallList);

    /// <summary>Access rules: details iff the user may list and a number of the couple matches a mask.</summary>
    public bool MaySeeDetails(Couple couple) => MaySeeDetails(couple, MaskSide.Either);

    /// <summary>Access rules: details iff the user may list and the couple's number on <paramref name="side"/> matches a mask (maskSide, inferred).</summary>
    public bool MaySeeDetails(Couple couple, MaskSide side)
    {
        ArgumentNullException.ThrowIfNull(couple);
        return MayList && (PhoneMasks.Count == 0 || PhoneMasks.Any(mask =>
            (side != MaskSide.Called && PhoneMask.Matches(mask, couple.CallingNumber)) || (side != MaskSide.Calling && PhoneMask.Matches(mask, couple.CalledNumber))));
    }

    /// <summary>Access rules: pause/resume iff the user may see the details and has Pause and Resume Calls.</summary>
    public bool MayPause(Couple couple) => MaySeeDetails(couple) && Permissions.HasFlag(Permissions.PauseAndResumeCalls);

    private static string[] Validated(IReadOnlyList<string> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        return PhoneMask.Problem(masks) is { } problem
            ? throw new ArgumentException($"phoneMasks{problem}", nameof(masks))
            : [.. masks];
    }
}
