using ChangeCoordination.Core;

namespace ChangeCoordination.Web.Components.Status;

/// <summary>The one mapping from a status to what a person sees: a class (colour and pattern), a letter and a word.</summary>
public static class StatusStyle
{
    public static string CssClass(RiskStatus status) => status switch
    {
        RiskStatus.Green => "st-green",
        RiskStatus.Amber => "st-amber",
        RiskStatus.Red => "st-red",
        _ => "st-white",
    };

    public static string MayRiseClass(RiskStatus provisional) => provisional switch
    {
        RiskStatus.Amber => "rise-amber",
        RiskStatus.Red => "rise-red",
        _ => "rise-green",
    };

    /// <summary>The letter that makes a status readable without colour (White has none).</summary>
    public static string Letter(RiskStatus status) => status switch
    {
        RiskStatus.Green => "G",
        RiskStatus.Amber => "A",
        RiskStatus.Red => "R",
        _ => "",
    };

    public static string Describe(RiskStatus status) => status switch
    {
        RiskStatus.White => "no change",
        _ => status.ToString(),
    };
}
