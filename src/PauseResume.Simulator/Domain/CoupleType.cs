namespace PauseResume.Simulator.Domain;

/// <summary>Couple type, as the recorder names it (NORMAL, CONF, RECONN, PARK, UNPARK, BARGE, INSTREAMER).</summary>
public enum CoupleType
{
    Normal,
    Conf,
    Reconn,
    Park,
    Unpark,
    Barge,
    Instreamer,
}
