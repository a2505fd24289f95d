using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenVersioning.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionDevicesAndAuditActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CookieDelivery",
                table: "Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CreatedFrom",
                table: "Sessions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Device",
                table: "Sessions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastUsedFrom",
                table: "Sessions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "Sessions",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorKind",
                table: "AuditEvents",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "user");

            // Entries written before this release: no actor was the service itself; an API client's id is a client.
            migrationBuilder.Sql(@"UPDATE ""AuditEvents"" SET ""ActorKind"" = 'system' WHERE ""ActorId"" IS NULL");
            migrationBuilder.Sql(@"UPDATE ""AuditEvents"" SET ""ActorKind"" = 'client' WHERE ""ActorId"" IN (SELECT ""Id"" FROM ""ApiClients"")");

            migrationBuilder.AddColumn<string>(
                name: "From",
                table: "AuditEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_Id",
                table: "AuditEvents",
                columns: new[] { "ActorId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorId_Id",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "CookieDelivery",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "CreatedFrom",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Device",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "LastUsedFrom",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ActorKind",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "From",
                table: "AuditEvents");
        }
    }
}
