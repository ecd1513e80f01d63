CREATE TABLE `feedback_raters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`email` text NOT NULL,
	`relationship` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`answered_at` text,
	`declined_at` text,
	`last_reminded_at` text,
	FOREIGN KEY (`round_id`) REFERENCES `feedback_rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_raters_token_unique` ON `feedback_raters` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_raters_round_email_unique` ON `feedback_raters` (`round_id`,`email`);--> statement-breakpoint
CREATE TABLE `feedback_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`ratings` text NOT NULL,
	`strengths` text NOT NULL,
	`development` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `feedback_rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_responses_round_idx` ON `feedback_responses` (`round_id`);--> statement-breakpoint
CREATE TABLE `feedback_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`question_set` text NOT NULL,
	`area_codes` text NOT NULL,
	`created_at` text NOT NULL,
	`released_at` text,
	`results` text,
	`evidence_id` integer,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence_items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `feedback_rounds_trainee_idx` ON `feedback_rounds` (`trainee_id`);