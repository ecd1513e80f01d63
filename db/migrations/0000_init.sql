CREATE TABLE `competence_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`domain_id` integer NOT NULL,
	`code` text NOT NULL,
	`text` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competence_areas_framework_code_unique` ON `competence_areas` (`framework_id`,`code`);--> statement-breakpoint
CREATE INDEX `competence_areas_domain_idx` ON `competence_areas` (`domain_id`);--> statement-breakpoint
CREATE TABLE `domain_guidance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain_id` integer NOT NULL,
	`section` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domain_guidance_position_unique` ON `domain_guidance` (`domain_id`,`section`,`position`);--> statement-breakpoint
CREATE TABLE `domains` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`number` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domains_framework_key_unique` ON `domains` (`framework_id`,`key`);--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`modality` text NOT NULL,
	`source` text NOT NULL,
	`repairs` text DEFAULT '[]' NOT NULL,
	`content_hash` text NOT NULL,
	`seeded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_slug_version_unique` ON `frameworks` (`slug`,`version`);--> statement-breakpoint
CREATE TABLE `specific_competencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`domain_id` integer NOT NULL,
	`slug` text NOT NULL,
	`text` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `specific_competencies_framework_slug_unique` ON `specific_competencies` (`framework_id`,`slug`);--> statement-breakpoint
CREATE INDEX `specific_competencies_domain_idx` ON `specific_competencies` (`domain_id`);