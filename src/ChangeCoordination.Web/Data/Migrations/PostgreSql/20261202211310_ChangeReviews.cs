using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ChangeReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeReviews",
                columns: table => new
                {
                    ChangeId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ActualStart = table.Column<long>(type: "bigint", nullable: true),
                    ActualEnd = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReviewedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeReviews", x => x.ChangeId);
                    table.ForeignKey(
                        name: "FK_ChangeReviews_Changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "Changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeReviews");
        }
    }
}
