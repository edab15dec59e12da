using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncryptionAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "Changes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DisposedChanges",
                columns: table => new
                {
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DisposedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisposedChanges", x => x.Reference);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_ArchivedAt",
                table: "Changes",
                column: "ArchivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DisposedChanges");

            migrationBuilder.DropIndex(
                name: "IX_Changes_ArchivedAt",
                table: "Changes");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Changes");
        }
    }
}
