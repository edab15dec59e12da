using System.Globalization;
using ChangeCoordination.Core;
using ChangeCoordination.Core.Operations;

namespace ChangeCoordination.Web.Features.Operations;

/// <summary>The words and number formats of the operations pages, in UK English.</summary>
public static class OperationsText
{
    public static string Process(BusinessProcess process) => process switch
    {
        BusinessProcess.InstallAndCommission => "Install and Commission",
        BusinessProcess.ChangeOfSupplier => "Change of Supplier",
        BusinessProcess.Billing => "Billing",
        BusinessProcess.Prepayment => "Prepayment",
        BusinessProcess.DeviceFirmware => "Device firmware",
        BusinessProcess.CommsHubFirmware => "Comms Hub firmware",
        _ => "Alerts",
    };

    public static string Service(DccService service) => service switch
    {
        DccService.UserInterface => "DCC User Interface",
        DccService.RegistrationDataInterface => "Registration Data Interface",
        DccService.SmkiRepositoryInterface => "SMKI Repository Interface",
        DccService.SmkiServicesInterface => "SMKI Services Interface",
        DccService.SelfServiceInterface => "Self-Service Interface",
        _ => "Other DCC systems",
    };

    public static string Party(ResponsibleParty party) => party switch
    {
        ResponsibleParty.Dcc => "the DCC",
        ResponsibleParty.DccUser => "a DCC User",
        _ => "another party",
    };

    public static string Band(TimeBand band) => band switch
    {
        TimeBand.WeekdayDay => "Mon-Fri 08-20",
        TimeBand.WeekdayNight => "Mon-Fri 20-08",
        TimeBand.SaturdayMorning => "Sat 08-12",
        TimeBand.SaturdayRest => "Sat 12-08",
        _ => "Sunday",
    };

    public static string Percent(double? share, int decimals = 2) =>
        share is { } s ? (s * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), UkEnglish.Culture) + "%" : "n/a";

    public static string Hours(decimal hours) => hours.ToString("0.00", UkEnglish.Culture);

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.00", UkEnglish.Culture) : "n/a";

    public static string Number(double? value) => value is { } v ? v.ToString("0.##", UkEnglish.Culture) : "n/a";

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", UkEnglish.Culture);

    public static string Time(DateTimeOffset instant) => instant.ToString("ddd d MMM HH:mm", UkEnglish.Culture);

    public static string Month(DateOnly first) => first.ToString("MMMM yyyy", UkEnglish.Culture);
}
