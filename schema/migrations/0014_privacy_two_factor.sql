CREATE TABLE `recovery_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_user_hash_uq` ON `recovery_codes` (`user_id`,`code_hash`);--> statement-breakpoint
ALTER TABLE `audits` ADD `staff_name` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `fixes_erased_at` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `photos_erased_at` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `deidentified_at` integer;--> statement-breakpoint
CREATE INDEX `audits_org_visit_idx` ON `audits` (`organization_id`,`visit_started_at`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `staff_names` text DEFAULT 'role_only' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `fix_retention_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `photo_retention_days` integer DEFAULT 730 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `report_retention_days` integer DEFAULT 1825 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `require_two_factor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `pending` text;--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_pending_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `email_mode` text DEFAULT 'each' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_sent_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `login_attempts_at_idx` ON `login_attempts` (`attempted_at`);--> statement-breakpoint
CREATE INDEX `rate_limit_hits_at_idx` ON `rate_limit_hits` (`at`);