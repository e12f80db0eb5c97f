using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gatehouse.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessId",
                table: "Pixels",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Pixels",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsPublishing",
                table: "Pixels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Pixels",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedAccessToken",
                table: "Pixels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Pixels",
                type: "TEXT",
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
