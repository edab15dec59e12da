using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class VariantTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VariantRules",
                columns: table => new
                {
                    Srv = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Process = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VariantRules", x => x.Srv);
                });

            migrationBuilder.CreateTable(
                name: "VariantTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VariantTables", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VariantRules");

            migrationBuilder.DropTable(
                name: "VariantTables");
        }
    }
}
