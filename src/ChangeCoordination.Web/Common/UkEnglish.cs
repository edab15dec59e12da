using System.Globalization;

namespace ChangeCoordination.Web.Common;

/// <summary>The one culture of what people read: UK English day and month names, Monday first.</summary>
public static class UkEnglish
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("en-GB");
}
