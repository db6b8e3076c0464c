CREATE TABLE `calendar_days` (
	`organization_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`name_zh` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`organization_id`, `date`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`channel` text NOT NULL,
	`received_at` integer NOT NULL,
	`product` text DEFAULT '' NOT NULL,
	`problem` text NOT NULL,
	`wants` text DEFAULT '' NOT NULL,
	`purchase_date` text,
	`purchase_place` text DEFAULT '' NOT NULL,
	`customer_name` text DEFAULT '' NOT NULL,
	`customer_phone` text DEFAULT '' NOT NULL,
	`customer_email` text DEFAULT '' NOT NULL,
	`contact_consent` integer DEFAULT false NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`transcript` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`acknowledge_by` integer NOT NULL,
	`remedy_by` integer NOT NULL,
	`resolve_by` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`remedy_kind` text,
	`remedy_amount_cents` integer,
	`remedy_note` text DEFAULT '' NOT NULL,
	`remedy_proposed_at` integer,
	`remedy_proposed_by` text,
	`resolution` text DEFAULT '' NOT NULL,
	`summary_resolution` integer DEFAULT false NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`follow_up_due` integer,
	`satisfaction` integer,
	`follow_up_comment` text DEFAULT '' NOT NULL,
	`followed_up_at` integer,
	`followed_up_by` text,
	`close_reason` text DEFAULT '' NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`contact_erased_at` integer,
	`logged_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`remedy_proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`followed_up_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_org_branch_idx` ON `complaints` (`organization_id`,`branch_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `complaints_org_status_idx` ON `complaints` (`organization_id`,`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `complaints_org_follow_up_idx` ON `complaints` (`organization_id`,`follow_up_due`);--> statement-breakpoint
CREATE TABLE `phrases` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`locale` text NOT NULL,
	`pattern` text NOT NULL,
	`item_key` text,
	`better` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phrases_org_idx` ON `phrases` (`organization_id`,`locale`);--> statement-breakpoint
ALTER TABLE `branches` ADD `footfall_per_month` integer;--> statement-breakpoint
ALTER TABLE `organizations` ADD `complaint_ack_days` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `complaint_remedy_days` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `complaint_resolve_weeks` integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `complaint_summary_days` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `contact_retention_days` integer DEFAULT 180 NOT NULL;