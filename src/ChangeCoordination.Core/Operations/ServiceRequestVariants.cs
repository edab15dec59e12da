namespace ChangeCoordination.Core.Operations;

/// <summary>A service request variant as reported: its business process and its Target Response Time.</summary>
public sealed record VariantRule(string Srv, BusinessProcess Process, TimeSpan TargetResponseTime, string Name);

/// <summary>
/// A table of service request variants, looked up by SRV code (case and surrounding spaces ignored): the one the
/// measures use, as the DCC edits it.
/// </summary>
public sealed class VariantRules
{
    private readonly Dictionary<string, VariantRule> bySrv;

    public VariantRules(IEnumerable<VariantRule> rules)
    {
        All = [.. rules];
        bySrv = All.ToDictionary(v => v.Srv, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<VariantRule> All { get; }

    public VariantRule? Find(string srv) => bySrv.GetValueOrDefault(srv.Trim());
}

/// <summary>
/// The default SRV to business process mapping (seed 004, Figure 1, as DOMAIN.md reads it) with the Target Response
/// Times this product applies, seeded into the editable table at first start; and what counts as a failure. The seed
/// names the variants but not the times: docs/operations.md records the choice.
/// </summary>
public static class ServiceRequestVariants
{
    public static readonly TimeSpan OnDemand = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Scheduled = TimeSpan.FromHours(24);
    public static readonly TimeSpan AlertDelivery = TimeSpan.FromSeconds(60);

    /// <summary>The failure response codes: a communications failure or a timeout.</summary>
    public static readonly IReadOnlySet<string> FailureResponseCodes = new HashSet<string>(["E201", "E212"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The subsequent failure alert codes.</summary>
    public static readonly IReadOnlySet<string> FailureAlertCodes = new HashSet<string>(["N12", "N13"], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<VariantRule> Defaults { get; } =
    [
        new("1.1.1", BusinessProcess.InstallAndCommission, OnDemand, "Update Import Tariff"),
        new("6.15.1", BusinessProcess.InstallAndCommission, OnDemand, "Update Security Credentials (KRP)"),
        new("8.1.1", BusinessProcess.InstallAndCommission, OnDemand, "Commission Device"),
        new("8.7.1", BusinessProcess.InstallAndCommission, OnDemand, "Join Service"),
        new("8.11", BusinessProcess.InstallAndCommission, OnDemand, "Update HAN Device Log"),
        new("6.23", BusinessProcess.ChangeOfSupplier, OnDemand, "Update Security Credentials (CoS)"),
        new("4.6.1", BusinessProcess.Billing, OnDemand, "Retrieve Import Daily Read Log (on demand)"),
        new("5.1", BusinessProcess.Billing, Scheduled, "Create Schedule (scheduled reads)"),
        new("2.2", BusinessProcess.Prepayment, OnDemand, "Top Up Device"),
        new("11.1", BusinessProcess.DeviceFirmware, Scheduled, "Update Firmware (image to the Comms Hub)"),
        new("11.3", BusinessProcess.DeviceFirmware, OnDemand, "Activate Firmware"),
        new("CHF", BusinessProcess.CommsHubFirmware, Scheduled, "Comms Hub firmware image delivered and activated"),
        new("ALERT", BusinessProcess.Alerts, AlertDelivery, "Device alert delivered to the User"),
    ];

    /// <summary>A request failed when its response reports E201 or E212, or a later alert reports N12 or N13.</summary>
    public static bool IsFailure(ServiceRequestRecord record) =>
        FailureResponseCodes.Contains(record.OutcomeCode.Trim())
        || (record.AlertCode is { } alert && FailureAlertCodes.Contains(alert.Trim()));
}
