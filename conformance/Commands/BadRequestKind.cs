namespace PauseResume.Conformance.Commands;

/// <summary>Which request the API does not have a <see cref="BadRequestCommand"/> sends.</summary>
internal enum BadRequestKind
{
    UnknownPath,
    WrongMethod,
    OtherCase,
}
