CREATE TABLE `declines` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`round_visit_id` text,
	`shopper_id` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `declines_assignment_uq` ON `declines` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `declines_org_shopper_idx` ON `declines` (`organization_id`,`shopper_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `earnings` (
	`assignment_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`shopper_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`fee_cents` integer NOT NULL,
	`reimbursement_cap_cents` integer NOT NULL,
	`reimbursement_cents` integer,
	`status` text DEFAULT 'payable' NOT NULL,
	`payout_id` text,
	`payable_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `earnings_org_status_idx` ON `earnings` (`organization_id`,`status`,`shopper_id`);--> statement-breakpoint
CREATE INDEX `earnings_org_shopper_idx` ON `earnings` (`organization_id`,`shopper_id`,`payable_at`);--> statement-breakpoint
CREATE INDEX `earnings_payout_idx` ON `earnings` (`payout_id`);--> statement-breakpoint
CREATE TABLE `expenses` (
	`assignment_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`shopper_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`receipt_sha256` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shopper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`status` text DEFAULT 'approved' NOT NULL,
	`shopper_count` integer NOT NULL,
	`visit_count` integer NOT NULL,
	`fee_cents` integer NOT NULL,
	`reimbursement_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`approved_by` text,
	`approved_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`paid_by` text,
	`paid_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payouts_org_idx` ON `payouts` (`organization_id`,`approved_at`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `accepted_at` integer;--> statement-breakpoint
ALTER TABLE `organizations` ADD `board_claim_limit` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `currency` text DEFAULT 'CNY' NOT NULL;