using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gatehouse.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Pixels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApiVersion",
                table: "Pixels",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessId",
                table: "Pixels",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Pixels",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsPublishing",
                table: "Pixels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Pixels",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedAccessToken",
                table: "Pixels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Pixels",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApiVersion",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "BusinessId",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "IsPublishing",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "ProtectedAccessToken",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Pixels");
        }
    }
}
