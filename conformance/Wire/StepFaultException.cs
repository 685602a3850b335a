namespace PauseResume.Conformance.Wire;

/// <summary>Thrown by the wire when a request meets a <see cref="StepFault"/>, so the step that sent it is not judged.</summary>
internal sealed class StepFaultException(StepFault fault, Exception? inner = null) : Exception(fault.ToString(), inner)
{
    public StepFault Fault => fault;
}
