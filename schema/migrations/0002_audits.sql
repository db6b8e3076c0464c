CREATE TABLE `answers` (
	`audit_id` text NOT NULL,
	`item_key` text NOT NULL,
	`value` text,
	`na` integer DEFAULT false NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`audit_id`, `item_key`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`shopper_id` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`scenario` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_org_shopper_idx` ON `assignments` (`organization_id`,`shopper_id`,`status`);--> statement-breakpoint
CREATE INDEX `assignments_org_branch_idx` ON `assignments` (`organization_id`,`branch_id`);--> statement-breakpoint
CREATE TABLE `audits` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`shopper_id` text NOT NULL,
	`status` text NOT NULL,
	`contact` text NOT NULL,
	`visit_started_at` integer NOT NULL,
	`visit_ended_at` integer NOT NULL,
	`location_lat` real,
	`location_lng` real,
	`location_accuracy` real,
	`location_taken_at` integer,
	`staff_description` text DEFAULT '' NOT NULL,
	`overall_comment` text DEFAULT '' NOT NULL,
	`score` real,
	`critical_failed` integer NOT NULL,
	`score_result` text NOT NULL,
	`late` integer NOT NULL,
	`content_hash` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audits_assignment_uq` ON `audits` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `audits_org_branch_idx` ON `audits` (`organization_id`,`branch_id`,`visit_started_at`);--> statement-breakpoint
CREATE INDEX `audits_org_shopper_idx` ON `audits` (`organization_id`,`shopper_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`audit_id` text NOT NULL,
	`item_key` text NOT NULL,
	`sha256` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`captured_at` integer,
	PRIMARY KEY(`audit_id`, `item_key`, `sha256`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`organization_id` text NOT NULL,
	`sha256` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`uploaded_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`organization_id`, `sha256`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
