using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportPlanWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AcknowledgedAt",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy",
                table: "SupportPlans",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "BriefingSent",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "DashboardsPrepared",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "HandoverDone",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StoodDownCause",
                table: "SupportPlans",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UsersContacted",
                table: "SupportPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SupportPlanLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SupportPlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPlanLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportPlanLog_SupportPlans_SupportPlanId",
                        column: x => x.SupportPlanId,
                        principalTable: "SupportPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportPlanLog_SupportPlanId",
                table: "SupportPlanLog",
                column: "SupportPlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupportPlanLog");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "BriefingSent",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "DashboardsPrepared",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "HandoverDone",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "StoodDownCause",
                table: "SupportPlans");

            migrationBuilder.DropColumn(
                name: "UsersContacted",
                table: "SupportPlans");
        }
    }
}
