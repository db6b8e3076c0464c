CREATE TABLE `round_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`round_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`visit_key` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`stratum` text NOT NULL,
	`scenario_en` text NOT NULL,
	`scenario_zh` text NOT NULL,
	`status` text NOT NULL,
	`assignment_id` text,
	`unstaffed_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_visits_key_uq` ON `round_visits` (`round_id`,`visit_key`);--> statement-breakpoint
CREATE INDEX `round_visits_org_status_idx` ON `round_visits` (`organization_id`,`status`,`window_start`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`checklist_id` text NOT NULL,
	`checklist_version_id` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`target` text NOT NULL,
	`visits_per_branch` integer NOT NULL,
	`min_gap_days` integer NOT NULL,
	`window_days` integer NOT NULL,
	`strata` text NOT NULL,
	`scenarios` text NOT NULL,
	`blackout_dates` text NOT NULL,
	`fee_cents` integer DEFAULT 0 NOT NULL,
	`reimbursement_cap_cents` integer DEFAULT 0 NOT NULL,
	`staffing` text DEFAULT 'rule' NOT NULL,
	`seed` integer NOT NULL,
	`status` text DEFAULT 'committed' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`cancelled_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rounds_org_idx` ON `rounds` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `shopper_profiles` (
	`membership_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`channels` text DEFAULT '["store","call_centre"]' NOT NULL,
	`region_ids` text DEFAULT '[]' NOT NULL,
	`cities` text DEFAULT '[]' NOT NULL,
	`excluded_branch_ids` text DEFAULT '[]' NOT NULL,
	`rating` real,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `assignments` ADD `round_id` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `round_visit_id` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `scenario_zh` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `fee_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `assignments` ADD `reimbursement_cap_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branches` ADD `city` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `rotation_lockout_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `max_visits_per_day` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `max_visits_per_week` integer DEFAULT 8 NOT NULL;