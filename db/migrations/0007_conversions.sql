CREATE TABLE `file_conversions` (
	`source_sha256` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` text NOT NULL,
	`worker_pid` integer,
	`lease_until` text,
	`started_at` text,
	`finished_at` text,
	`pdf_sha256` text,
	`page_count` integer,
	`error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `file_conversions_status_idx` ON `file_conversions` (`status`,`run_after`);