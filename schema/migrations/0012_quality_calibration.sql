CREATE TABLE `calibration_answers` (
	`calibration_id` text NOT NULL,
	`rater_id` text NOT NULL,
	`item_key` text NOT NULL,
	`value` text,
	`na` integer DEFAULT false NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`calibration_id`, `rater_id`, `item_key`),
	FOREIGN KEY (`calibration_id`) REFERENCES `calibrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `calibration_raters` (
	`calibration_id` text NOT NULL,
	`user_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`submitted_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`calibration_id`, `user_id`),
	FOREIGN KEY (`calibration_id`) REFERENCES `calibrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calibration_raters_user_idx` ON `calibration_raters` (`organization_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `calibrations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`title` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`audit_id` text,
	`scenario_en` text DEFAULT '' NOT NULL,
	`scenario_zh` text DEFAULT '' NOT NULL,
	`transcript` text DEFAULT '' NOT NULL,
	`photo_shas` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`expert_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calibrations_org_idx` ON `calibrations` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `photo_bands` (
	`organization_id` text NOT NULL,
	`band` text NOT NULL,
	`audit_id` text NOT NULL,
	`sha256` text NOT NULL,
	PRIMARY KEY(`organization_id`, `band`, `audit_id`, `sha256`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `photo_prints` (
	`audit_id` text NOT NULL,
	`sha256` text NOT NULL,
	`organization_id` text NOT NULL,
	`dhash` text,
	`captured_at` integer,
	PRIMARY KEY(`audit_id`, `sha256`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photo_prints_org_sha_idx` ON `photo_prints` (`organization_id`,`sha256`);--> statement-breakpoint
ALTER TABLE `audits` ADD `form_seconds` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `fixes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `flag_thresholds` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `rating_floor` real;--> statement-breakpoint
ALTER TABLE `shopper_profiles` ADD `rating_provisional` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `shopper_profiles` ADD `rated_at` integer;--> statement-breakpoint
ALTER TABLE `uploads` ADD `dhash` text;