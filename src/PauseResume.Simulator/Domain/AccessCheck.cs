namespace PauseResume.Simulator.Domain;

/// <summary>One check that can refuse a list, details or pausedState request; the profile orders them.</summary>
internal enum AccessCheck
{
    /// <summary>A logged-in session (LST-2, DET-3, PSE-4; SES-6 when it expired): 403.</summary>
    Login,

    /// <summary>The Call List permission (LST-7, DET-3, PSE-4): 403.</summary>
    CallList,

    /// <summary>The couple is in progress (DET-3, PSE-4): 404.</summary>
    CoupleInProgress,

    /// <summary>A number of the couple matches one of the user's phone masks (DET-3, PSE-4): 403.</summary>
    PhoneMasks,

    /// <summary>The Pause and Resume Calls permission (PSE-4): 403.</summary>
    PauseRight,

    /// <summary>The request's parameter could be read (an invalid direction, LST-6; a bad <c>paused</c>, PSE-2).</summary>
    Parameter,
}
