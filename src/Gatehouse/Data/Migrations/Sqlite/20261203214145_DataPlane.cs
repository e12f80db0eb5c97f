using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gatehouse.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataPlane : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Changing the key of a SQLite table means rebuilding it, which cannot run inside the migration's
            // transaction. The buckets are dropped and created again instead: before this migration nothing
            // wrote traffic, so there is nothing to keep.
            migrationBuilder.DropTable(
                name: "TrafficBuckets");

            migrationBuilder.CreateTable(
                name: "TrafficBuckets",
                columns: table => new
                {
                    PixelId = table.Column<string>(type: "TEXT", nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    EventsReceived = table.Column<long>(type: "INTEGER", nullable: false),
                    EventsPublished = table.Column<long>(type: "INTEGER", nullable: false),
                    EventsDropped = table.Column<long>(type: "INTEGER", nullable: false),
                    EventsRejected = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishFailures = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficBuckets", x => new { x.PixelId, x.Start, x.EventName, x.Site });
                    table.ForeignKey(
                        name: "FK_TrafficBuckets_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrafficBuckets_TenantId_Start",
                table: "TrafficBuckets",
                columns: new[] { "TenantId", "Start" });

            migrationBuilder.AddColumn<string>(
                name: "ApiErrorCode",
                table: "Pixels",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "BadToken",
                table: "Pixels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "DomainFilters",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PixelId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PixelId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    Ingress = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TargetDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CnameResolveSuccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PixelId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
