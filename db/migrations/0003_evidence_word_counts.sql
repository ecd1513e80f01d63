ALTER TABLE `evidence_items` ADD `description_words` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `evidence_items` ADD `reflection_words` integer DEFAULT 0 NOT NULL;