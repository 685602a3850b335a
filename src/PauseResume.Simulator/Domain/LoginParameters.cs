namespace PauseResume.Simulator.Domain;

/// <summary>Where a login reads its <c>login</c> and <c>password</c> fields (SES-1).</summary>
public enum LoginParameters
{
    /// <summary>The form body only.</summary>
    Form,

    /// <summary>The form body, else the query string, as a servlet's <c>getParameter</c> reads them (the body wins).</summary>
    FormAndQuery,
}
