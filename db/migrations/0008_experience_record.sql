CREATE TABLE `record_memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`body` text NOT NULL,
	`grade` text DEFAULT '' NOT NULL,
	`number` text DEFAULT '' NOT NULL,
	`since` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_memberships_trainee_idx` ON `record_memberships` (`trainee_id`);--> statement-breakpoint
CREATE TABLE `record_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`employer` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`job_title` text NOT NULL,
	`band` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`fraction_percent` integer DEFAULT 100 NOT NULL,
	`supervisor_name` text DEFAULT '' NOT NULL,
	`supervised_practice` integer DEFAULT false NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_posts_trainee_idx` ON `record_posts` (`trainee_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `record_qualifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`institution` text DEFAULT '' NOT NULL,
	`start_date` text,
	`end_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_qualifications_trainee_idx` ON `record_qualifications` (`trainee_id`);