namespace PauseResume.Simulator.Domain;

/// <summary>When a bad parameter (an invalid direction, LST-6; a bad <c>paused</c>, PSE-2) is refused among the access checks.</summary>
public enum BadParameterOrder
{
    /// <summary>After every access check.</summary>
    AfterAccess,

    /// <summary>Right after the login check, before Call List, couple, masks and rights.</summary>
    AfterLogin,

    /// <summary>Before even the login check, as a JAX-RS parameter conversion would.</summary>
    BeforeLogin,

    /// <summary>
    /// Right before the couple's checks (in progress, phone masks): after the login and the rights the refusal order checks before them,
    /// as a resource method that checks its user's rights, then reads its parameters, then finds the couple. Only a
    /// pausedState request has a couple: for the list it is <see cref="AfterAccess"/>.
    /// </summary>
    BeforeCouple,
}
