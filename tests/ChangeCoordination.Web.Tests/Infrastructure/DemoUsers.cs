namespace ChangeCoordination.Web.Tests.Infrastructure;

/// <summary>The demo identities of shared/API.md.</summary>
public static class DemoUsers
{
    public const string SupplierA = "user@supplier-a.example";
    public const string SupplierB = "user@supplier-b.example";
    public const string NetworkC = "user@network-c.example";
    public const string Assessor = "assessor@dcc.example";
    public const string Toc = "toc@dcc.example";
    public const string Manager = "manager@dcc.example";
    public const string Owner = "owner@dcc.example";
    public const string Wall = "wall@dcc.example";
}
