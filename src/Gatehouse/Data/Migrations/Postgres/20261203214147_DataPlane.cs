using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gatehouse.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DataPlane : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_TrafficBuckets",
                table: "TrafficBuckets");

            migrationBuilder.AddColumn<string>(
                name: "EventName",
                table: "TrafficBuckets",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Site",
                table: "TrafficBuckets",
                type: "character varying(253)",
                maxLength: 253,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "EventsDropped",
                table: "TrafficBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "EventsPublished",
                table: "TrafficBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "EventsRejected",
                table: "TrafficBuckets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPublishedAt",
                table: "TrafficBuckets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastReceivedAt",
                table: "TrafficBuckets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApiErrorCode",
                table: "Pixels",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "BadToken",
                table: "Pixels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddPrimaryKey(
                name: "PK_TrafficBuckets",
                table: "TrafficBuckets",
                columns: new[] { "PixelId", "Start", "EventName", "Site" });

            migrationBuilder.CreateTable(
                name: "DomainFilters",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(8)", nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    PixelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DomainFilters", x => new { x.TenantId, x.Domain, x.PixelId });
                    table.ForeignKey(
                        name: "FK_DomainFilters_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventFilters",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(8)", nullable: false),
                    EventName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PixelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventFilters", x => new { x.TenantId, x.EventName, x.PixelId });
                    table.ForeignKey(
                        name: "FK_EventFilters_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IngressDomains",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(8)", nullable: false),
                    Ingress = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    TargetDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    CnameResolveSuccess = table.Column<bool>(type: "boolean", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngressDomains", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_IngressDomains_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueuedEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PixelId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    EventName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Site = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueuedEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueuedEvents_Pixels_PixelId",
                        column: x => x.PixelId,
                        principalTable: "Pixels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IngressDomains_Ingress",
                table: "IngressDomains",
                column: "Ingress",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueuedEvents_NextAttemptAt_Id",
                table: "QueuedEvents",
                columns: new[] { "NextAttemptAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedEvents_PixelId_Id",
                table: "QueuedEvents",
                columns: new[] { "PixelId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DomainFilters");

            migrationBuilder.DropTable(
                name: "EventFilters");

            migrationBuilder.DropTable(
                name: "IngressDomains");

            migrationBuilder.DropTable(
                name: "QueuedEvents");

            migrationBuilder.DropPrimaryKey(
                name: "PK_TrafficBuckets",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "EventName",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "Site",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "EventsDropped",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "EventsPublished",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "EventsRejected",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "LastPublishedAt",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "LastReceivedAt",
                table: "TrafficBuckets");

            migrationBuilder.DropColumn(
                name: "ApiErrorCode",
                table: "Pixels");

            migrationBuilder.DropColumn(
                name: "BadToken",
                table: "Pixels");

            migrationBuilder.AddPrimaryKey(
                name: "PK_TrafficBuckets",
                table: "TrafficBuckets",
                columns: new[] { "PixelId", "Start" });
        }
    }
}
