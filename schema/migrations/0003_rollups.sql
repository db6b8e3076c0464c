CREATE TABLE `rollup_items` (
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`item_key` text NOT NULL,
	`passes` integer NOT NULL,
	`fails` integer NOT NULL,
	`nas` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `branch_id`, `month`, `checklist_version_id`, `item_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_items_org_month_idx` ON `rollup_items` (`organization_id`,`month`);--> statement-breakpoint
CREATE TABLE `rollup_scores` (
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`audits` integer NOT NULL,
	`scored` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`score_squares` integer NOT NULL,
	`critical_failed` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `branch_id`, `month`, `checklist_version_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rollup_scores_org_month_idx` ON `rollup_scores` (`organization_id`,`month`);--> statement-breakpoint
CREATE TABLE `rollup_sections` (
	`organization_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`month` text NOT NULL,
	`checklist_version_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`section_key` text NOT NULL,
	`scored` integer NOT NULL,
	`ratio_sum` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `branch_id`, `month`, `checklist_version_id`, `section_key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_version_id`) REFERENCES `checklist_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audits` ADD `visit_month` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `audits_org_month_idx` ON `audits` (`organization_id`,`visit_month`);--> statement-breakpoint
-- Backfill for databases with audits from before this migration (local demo data): the visit's month in
-- the branch's time zone (UTC+8 for the zones the demo uses, UTC otherwise; new audits get it from the
-- Worker, which knows every zone), then the roll-ups rebuilt from the stored score results, exactly as
-- worker/data/rollups.ts `rebuildRollups` does.
UPDATE `audits` SET `visit_month` = strftime('%Y-%m', `visit_started_at` / 1000, 'unixepoch',
  CASE WHEN (SELECT `timezone` FROM `branches` WHERE `branches`.`id` = `audits`.`branch_id`)
    IN ('Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore') THEN '+8 hours' ELSE '+0 hours' END);
--> statement-breakpoint
INSERT INTO `rollup_scores` SELECT a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id, v.checklist_id,
  count(*), count(a.score), coalesce(sum(cast(round(a.score * 10000) as integer)), 0),
  coalesce(sum(cast(round(a.score * 10000) as integer) * cast(round(a.score * 10000) as integer)), 0), sum(a.critical_failed)
FROM `audits` a JOIN `checklist_versions` v ON v.id = a.checklist_version_id
WHERE a.status = 'published'
GROUP BY a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id;
--> statement-breakpoint
INSERT INTO `rollup_items` SELECT a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id, v.checklist_id,
  json_extract(i.value, '$.key'), sum(json_extract(i.value, '$.outcome') = 'pass'),
  sum(json_extract(i.value, '$.outcome') IN ('fail', 'partial')), sum(json_extract(i.value, '$.outcome') = 'na')
FROM `audits` a JOIN `checklist_versions` v ON v.id = a.checklist_version_id,
  json_each(a.score_result, '$.sections') s, json_each(s.value, '$.items') i
WHERE a.status = 'published' AND json_extract(i.value, '$.outcome') IN ('pass', 'fail', 'partial', 'na')
GROUP BY a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id, json_extract(i.value, '$.key');
--> statement-breakpoint
INSERT INTO `rollup_sections` SELECT a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id, v.checklist_id,
  json_extract(s.value, '$.key'), count(*), sum(cast(round(json_extract(s.value, '$.ratio') * 10000) as integer))
FROM `audits` a JOIN `checklist_versions` v ON v.id = a.checklist_version_id, json_each(a.score_result, '$.sections') s
WHERE a.status = 'published' AND json_extract(s.value, '$.ratio') IS NOT NULL
GROUP BY a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id, json_extract(s.value, '$.key');
