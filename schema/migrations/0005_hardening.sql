CREATE TABLE `rate_limit_hits` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_hits_key_at_idx` ON `rate_limit_hits` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `upload_owners` (
	`organization_id` text NOT NULL,
	`sha256` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`organization_id`, `sha256`, `user_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audits` ADD `flags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `login_attempts` ADD `client` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_attempts_client_at_idx` ON `login_attempts` (`client`,`attempted_at`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `display_label` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `accepted_at` integer;--> statement-breakpoint
ALTER TABLE `uploads` ADD `width` integer;--> statement-breakpoint
ALTER TABLE `uploads` ADD `height` integer;--> statement-breakpoint
-- Backfill: a membership was accepted when one of its invitations was, or, having no invitation at
-- all, when it was created active (organisation set-up and the demo seed).
UPDATE `memberships` SET `accepted_at` = coalesce(
	(SELECT max(`accepted_at`) FROM `invitations` WHERE `invitations`.`membership_id` = `memberships`.`id`),
	CASE WHEN NOT EXISTS (SELECT 1 FROM `invitations` WHERE `invitations`.`membership_id` = `memberships`.`id`)
		AND `status` <> 'invited' THEN `created_at` END
);--> statement-breakpoint
-- A membership never accepted is never active, whatever sequence of edits it went through.
UPDATE `memberships` SET `status` = 'invited' WHERE `status` = 'active' AND `accepted_at` IS NULL;--> statement-breakpoint
-- Pending invitations keep showing the name the admin typed, now as the organisation's own label.
UPDATE `memberships` SET `display_label` = (SELECT `display_name` FROM `users` WHERE `users`.`id` = `memberships`.`user_id`)
	WHERE `accepted_at` IS NULL;--> statement-breakpoint
-- Every existing upload belongs to whoever uploaded it first.
INSERT OR IGNORE INTO `upload_owners` (`organization_id`, `sha256`, `user_id`, `created_at`)
	SELECT `organization_id`, `sha256`, `uploaded_by`, `created_at` FROM `uploads` WHERE `uploaded_by` IS NOT NULL;
