CREATE TABLE `events` (
	`organization_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`organization_id`, `seq`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_subject_idx` ON `events` (`organization_id`,`subject_type`,`subject_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_actor_idx` ON `events` (`organization_id`,`actor_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`organization_id`,`type`,`seq`);--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`organization_id`,`at`);--> statement-breakpoint
CREATE TABLE `review_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`kind` text NOT NULL,
	`question_id` text,
	`item_key` text,
	`text` text NOT NULL,
	`author_id` text NOT NULL,
	`client_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_messages_audit_idx` ON `review_messages` (`audit_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `review_messages_client_uq` ON `review_messages` (`audit_id`,`client_id`);--> statement-breakpoint
ALTER TABLE `audits` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audits` ADD `claimed_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `audits` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `reviewed_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `audits` ADD `rejection_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `audits` ADD `submitted_score` real;--> statement-breakpoint
ALTER TABLE `audits` ADD `receipt` text;--> statement-breakpoint
CREATE INDEX `audits_org_status_idx` ON `audits` (`organization_id`,`status`,`submitted_at`,`id`);--> statement-breakpoint
ALTER TABLE `branches` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `review_policy` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `review_sla_hours` integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `regions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The trail is append-only: nothing updates or deletes an event (the hash chain would show it anyway).
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;--> statement-breakpoint
-- Reports stored before review existed were published on arrival with the shopper's own score.
UPDATE `audits` SET `submitted_score` = `score`;
