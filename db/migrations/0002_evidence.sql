CREATE TABLE `claim_competencies` (
	`claim_id` integer NOT NULL,
	`specific_competency_id` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `evidence_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`specific_competency_id`) REFERENCES `specific_competencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_competencies_unique` ON `claim_competencies` (`claim_id`,`specific_competency_id`);--> statement-breakpoint
CREATE TABLE `evidence_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evidence_id` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`original_name` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_sha256`) REFERENCES `stored_files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_attachments_item_idx` ON `evidence_attachments` (`evidence_id`);--> statement-breakpoint
CREATE INDEX `evidence_attachments_file_idx` ON `evidence_attachments` (`file_sha256`);--> statement-breakpoint
CREATE TABLE `evidence_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evidence_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`statement` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `competence_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_claims_item_area_unique` ON `evidence_claims` (`evidence_id`,`area_id`);--> statement-breakpoint
CREATE INDEX `evidence_claims_area_idx` ON `evidence_claims` (`area_id`);--> statement-breakpoint
CREATE TABLE `evidence_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`portfolio_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`title` text NOT NULL,
	`activity_start` text NOT NULL,
	`activity_end` text,
	`evidence_type` text NOT NULL,
	`role` text NOT NULL,
	`description` text NOT NULL,
	`reflection` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_items_trainee_idx` ON `evidence_items` (`trainee_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `evidence_items_portfolio_idx` ON `evidence_items` (`portfolio_id`);--> statement-breakpoint
CREATE TABLE `pii_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evidence_id` integer NOT NULL,
	`field` text NOT NULL,
	`kind` text NOT NULL,
	`fingerprint` text NOT NULL,
	`masked_text` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`acknowledged_reason` text,
	`acknowledged_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pii_findings_item_idx` ON `pii_findings` (`evidence_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pii_findings_unique` ON `pii_findings` (`evidence_id`,`field`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`page_count` integer NOT NULL,
	`pages_exact` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `evidence_search` USING fts5(title, description, reflection, claims, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
