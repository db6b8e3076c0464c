CREATE TABLE `rollup_org_items` (
	`organization_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`item_key` text NOT NULL,
	`passes` integer NOT NULL,
	`fails` integer NOT NULL,
	`nas` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `month`, `checklist_version_id`, `item_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_org_items_cover_idx` ON `rollup_org_items` (`organization_id`,`month`,`checklist_id`,`item_key`,`passes`,`fails`,`nas`);--> statement-breakpoint
CREATE TABLE `rollup_org_scores` (
	`organization_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`audits` integer NOT NULL,
	`scored` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`score_squares` integer NOT NULL,
	`critical_failed` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `month`, `checklist_version_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_org_scores_cover_idx` ON `rollup_org_scores` (`organization_id`,`month`,`checklist_id`,`audits`,`scored`,`score_sum`,`score_squares`,`critical_failed`);--> statement-breakpoint
CREATE TABLE `rollup_org_sections` (
	`organization_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`section_key` text NOT NULL,
	`scored` integer NOT NULL,
	`ratio_sum` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `month`, `checklist_version_id`, `section_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_org_sections_cover_idx` ON `rollup_org_sections` (`organization_id`,`month`,`checklist_id`,`section_key`,`scored`,`ratio_sum`);--> statement-breakpoint
CREATE TABLE `rollup_region_items` (
	`organization_id` text NOT NULL,
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`item_key` text NOT NULL,
	`passes` integer NOT NULL,
	`fails` integer NOT NULL,
	`nas` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `region_id`, `month`, `checklist_version_id`, `item_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_region_items_cover_idx` ON `rollup_region_items` (`organization_id`,`month`,`region_id`,`checklist_id`,`item_key`,`passes`,`fails`,`nas`);--> statement-breakpoint
CREATE TABLE `rollup_region_scores` (
	`organization_id` text NOT NULL,
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`audits` integer NOT NULL,
	`scored` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`score_squares` integer NOT NULL,
	`critical_failed` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `region_id`, `month`, `checklist_version_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_region_scores_cover_idx` ON `rollup_region_scores` (`organization_id`,`month`,`region_id`,`checklist_id`,`audits`,`scored`,`score_sum`,`score_squares`,`critical_failed`);--> statement-breakpoint
CREATE TABLE `rollup_region_sections` (
	`organization_id` text NOT NULL,
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`section_key` text NOT NULL,
	`scored` integer NOT NULL,
	`ratio_sum` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `region_id`, `month`, `checklist_version_id`, `section_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_region_sections_cover_idx` ON `rollup_region_sections` (`organization_id`,`month`,`region_id`,`checklist_id`,`section_key`,`scored`,`ratio_sum`);--> statement-breakpoint
DROP INDEX `rollup_items_org_month_idx`;--> statement-breakpoint
CREATE INDEX `rollup_items_branch_cover_idx` ON `rollup_items` (`organization_id`,`branch_id`,`month`,`checklist_id`,`item_key`,`passes`,`fails`,`nas`);--> statement-breakpoint
DROP INDEX `rollup_scores_org_month_idx`;--> statement-breakpoint
CREATE INDEX `rollup_scores_branch_cover_idx` ON `rollup_scores` (`organization_id`,`branch_id`,`month`,`checklist_id`,`audits`,`scored`,`score_sum`,`score_squares`,`critical_failed`);--> statement-breakpoint
CREATE INDEX `rollup_scores_org_month_cover_idx` ON `rollup_scores` (`organization_id`,`month`,`branch_id`,`checklist_id`,`audits`,`scored`,`score_sum`,`score_squares`,`critical_failed`);--> statement-breakpoint
-- Backfill from the branch-level roll-ups: regions by each branch's current region, and the organisation (as
-- worker/data/rollups.ts `rebuildRollups` does).
INSERT INTO `rollup_region_scores` SELECT r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
  sum(r.audits), sum(r.scored), sum(r.score_sum), sum(r.score_squares), sum(r.critical_failed)
FROM `rollup_scores` r JOIN `branches` b ON b.id = r.branch_id
GROUP BY r.organization_id, b.region_id, r.month, r.checklist_version_id;
--> statement-breakpoint
INSERT INTO `rollup_region_items` SELECT r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
  r.item_key, sum(r.passes), sum(r.fails), sum(r.nas)
FROM `rollup_items` r JOIN `branches` b ON b.id = r.branch_id
GROUP BY r.organization_id, b.region_id, r.month, r.checklist_version_id, r.item_key;
--> statement-breakpoint
INSERT INTO `rollup_region_sections` SELECT r.organization_id, b.region_id, r.month, r.checklist_version_id, r.checklist_id,
  r.section_key, sum(r.scored), sum(r.ratio_sum)
FROM `rollup_sections` r JOIN `branches` b ON b.id = r.branch_id
GROUP BY r.organization_id, b.region_id, r.month, r.checklist_version_id, r.section_key;
--> statement-breakpoint
INSERT INTO `rollup_org_scores` SELECT r.organization_id, r.month, r.checklist_version_id, r.checklist_id,
  sum(r.audits), sum(r.scored), sum(r.score_sum), sum(r.score_squares), sum(r.critical_failed)
FROM `rollup_scores` r
GROUP BY r.organization_id, r.month, r.checklist_version_id;
--> statement-breakpoint
INSERT INTO `rollup_org_items` SELECT r.organization_id, r.month, r.checklist_version_id, r.checklist_id,
  r.item_key, sum(r.passes), sum(r.fails), sum(r.nas)
FROM `rollup_items` r
GROUP BY r.organization_id, r.month, r.checklist_version_id, r.item_key;
--> statement-breakpoint
INSERT INTO `rollup_org_sections` SELECT r.organization_id, r.month, r.checklist_version_id, r.checklist_id,
  r.section_key, sum(r.scored), sum(r.ratio_sum)
FROM `rollup_sections` r
GROUP BY r.organization_id, r.month, r.checklist_version_id, r.section_key;
