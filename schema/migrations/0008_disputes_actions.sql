CREATE TABLE `action_items` (
	`action_id` text NOT NULL,
	`item_key` text NOT NULL,
	PRIMARY KEY(`action_id`, `item_key`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`title` text NOT NULL,
	`owner_user_id` text,
	`owner_name` text DEFAULT '' NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`automatic` integer DEFAULT false NOT NULL,
	`done_note` text DEFAULT '' NOT NULL,
	`done_evidence_sha256` text,
	`done_at` integer,
	`return_reason` text DEFAULT '' NOT NULL,
	`verified_by` text,
	`closed_at` integer,
	`watch_from` integer NOT NULL,
	`recurrences` integer DEFAULT 0 NOT NULL,
	`escalations` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_org_status_idx` ON `actions` (`organization_id`,`status`,`due_date`,`id`);--> statement-breakpoint
CREATE INDEX `actions_org_branch_idx` ON `actions` (`organization_id`,`branch_id`,`status`);--> statement-breakpoint
CREATE TABLE `dispute_items` (
	`dispute_id` text NOT NULL,
	`item_key` text NOT NULL,
	`reason` text NOT NULL,
	`evidence_sha256` text,
	`outcome` text,
	`decision_reason` text,
	PRIMARY KEY(`dispute_id`, `item_key`),
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`shopper_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`raised_by` text NOT NULL,
	`raised_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`report_outcome` text,
	`reshop_assignment_id` text,
	`score_before` real,
	`score_after` real,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_one_open_uq` ON `disputes` (`audit_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `disputes_org_status_idx` ON `disputes` (`organization_id`,`status`,`raised_at`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_org_branch_idx` ON `disputes` (`organization_id`,`branch_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `disputes_org_audit_idx` ON `disputes` (`organization_id`,`audit_id`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`notification_id` text,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_messages_status_idx` ON `mail_messages` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `mail_messages_org_idx` ON `mail_messages` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`payload` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`organization_id`,`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`organization_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_created_idx` ON `notifications` (`created_at`);--> statement-breakpoint
ALTER TABLE `answers` ADD `ruling` text;--> statement-breakpoint
ALTER TABLE `assignments` ADD `reshop_of` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `dispute_window_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `actions_on_critical` integer DEFAULT true NOT NULL;