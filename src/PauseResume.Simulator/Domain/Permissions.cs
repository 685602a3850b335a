namespace PauseResume.Simulator.Domain;

/// <summary>The two privileges of the recorder's permission model that the Pause/Resume API looks at.</summary>
[Flags]
public enum Permissions
{
    None = 0,

    /// <summary>"Call List": may list couples in progress (LST-7).</summary>
    CallList = 1,

    /// <summary>"Pause and Resume Calls": may pause and resume couples it can see (PSE-4).</summary>
    PauseAndResumeCalls = 2,
}
