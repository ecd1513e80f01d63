CREATE TABLE `area_judgements` (
	`assessment_id` integer NOT NULL,
	`area_code` text NOT NULL,
	`judgement` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `area_judgements_unique` ON `area_judgements` (`assessment_id`,`area_code`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`assessor_id` integer NOT NULL,
	`snapshot_sha256` text NOT NULL,
	`outcome` text,
	`comment` text DEFAULT '' NOT NULL,
	`released_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_submission_assessor_unique` ON `assessments` (`submission_id`,`assessor_id`);--> statement-breakpoint
CREATE TABLE `assessor_link_openings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`link_id` integer NOT NULL,
	`opened_at` text NOT NULL,
	`ip_address` text NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`what` text DEFAULT 'summary' NOT NULL,
	FOREIGN KEY (`link_id`) REFERENCES `assessor_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessor_link_openings_link_idx` ON `assessor_link_openings` (`link_id`);--> statement-breakpoint
CREATE TABLE `assessor_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`recipient` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessor_links_token_unique` ON `assessor_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `assessor_links_submission_idx` ON `assessor_links` (`submission_id`);--> statement-breakpoint
CREATE TABLE `submission_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`assessor_id` integer NOT NULL,
	`assigned_by` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_assignments_unique` ON `submission_assignments` (`submission_id`,`assessor_id`);--> statement-breakpoint
CREATE INDEX `submission_assignments_assessor_idx` ON `submission_assignments` (`assessor_id`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`number` integer NOT NULL,
	`snapshot` text NOT NULL,
	`snapshot_sha256` text NOT NULL,
	`pdf_sha256` text,
	`pdf_pages` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_trainee_number_unique` ON `submissions` (`trainee_id`,`number`);--> statement-breakpoint
ALTER TABLE `portfolios` ADD `summary_statement` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE TRIGGER `submissions_snapshot_frozen` BEFORE UPDATE OF `snapshot`, `snapshot_sha256`, `trainee_id`, `portfolio_id`, `number`, `created_at` ON `submissions` BEGIN SELECT RAISE(ABORT, 'a submission''s snapshot never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `submissions_no_delete` BEFORE DELETE ON `submissions` BEGIN SELECT RAISE(ABORT, 'submissions are kept'); END;
