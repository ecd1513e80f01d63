CREATE TABLE `scheduled_runs` (
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`ran_at` text NOT NULL,
	`detail` text NOT NULL,
	PRIMARY KEY(`kind`, `period`)
);
--> statement-breakpoint
ALTER TABLE `mentor_invitations` ADD `role` text DEFAULT 'supervisor' NOT NULL;--> statement-breakpoint
ALTER TABLE `mentor_links` ADD `role` text DEFAULT 'supervisor' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `weekly_digest` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `specialism` text;