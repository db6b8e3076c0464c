CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`file_hash` text NOT NULL,
	`rows` integer NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_org_idx` ON `imports` (`organization_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `branches` ADD `latitude` real;--> statement-breakpoint
ALTER TABLE `branches` ADD `longitude` real;--> statement-breakpoint
ALTER TABLE `branches` ADD `opening_hours` text;