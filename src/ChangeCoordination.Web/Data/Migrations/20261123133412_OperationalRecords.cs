using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OperationalRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Opened = table.Column<long>(type: "INTEGER", nullable: false),
                    Responded = table.Column<long>(type: "INTEGER", nullable: true),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponsibleParty = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Services = table.Column<string>(type: "TEXT", nullable: false),
                    SubSystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    Planned = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Srv = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Smets = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Received = table.Column<long>(type: "INTEGER", nullable: false),
                    Responded = table.Column<long>(type: "INTEGER", nullable: false),
                    OutcomeCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AlertCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Opened",
                table: "Incidents",
                column: "Opened");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Reference",
                table: "Incidents",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outages_Reference",
                table: "Outages",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outages_Start_End",
                table: "Outages",
                columns: new[] { "Start", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Received",
                table: "ServiceRequests",
                column: "Received");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_RequestId",
                table: "ServiceRequests",
                column: "RequestId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropTable(
                name: "Outages");

            migrationBuilder.DropTable(
                name: "ServiceRequests");
        }
    }
}
