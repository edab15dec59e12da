using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChangeCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MethodologyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_MethodologyVersions",
                table: "MethodologyVersions");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "EffectiveFrom",
                table: "MethodologyVersions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "ApprovedAt",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "Id",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConsultationOpenedAt",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsultationOpenedBy",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DraftedAt",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "DraftedBy",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PanelDecision",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "MethodologyVersions",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_MethodologyVersions",
                table: "MethodologyVersions",
                column: "Id");

            migrationBuilder.CreateTable(
                name: "MethodologyResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MethodologyVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MethodologyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MethodologyResponses_MethodologyVersions_MethodologyVersionId",
                        column: x => x.MethodologyVersionId,
                        principalTable: "MethodologyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MethodologyResponses_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MethodologyVersions_Version",
                table: "MethodologyVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MethodologyResponses_MethodologyVersionId_OrganisationId",
                table: "MethodologyResponses",
                columns: new[] { "MethodologyVersionId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MethodologyResponses_OrganisationId",
                table: "MethodologyResponses",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MethodologyResponses");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MethodologyVersions",
                table: "MethodologyVersions");

            migrationBuilder.DropIndex(
                name: "IX_MethodologyVersions_Version",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "ConsultationOpenedAt",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "ConsultationOpenedBy",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "DraftedAt",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "DraftedBy",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "PanelDecision",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "State",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "MethodologyVersions");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "MethodologyVersions");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "EffectiveFrom",
                table: "MethodologyVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "ApprovedAt",
                table: "MethodologyVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_MethodologyVersions",
                table: "MethodologyVersions",
                column: "Version");
        }
    }
}
