CREATE INDEX `audits_fixes_due_idx` ON `audits` (`organization_id`,`visit_started_at`) WHERE fixes_erased_at is null;--> statement-breakpoint
CREATE INDEX `audits_photos_due_idx` ON `audits` (`organization_id`,`visit_started_at`) WHERE photos_erased_at is null;--> statement-breakpoint
CREATE INDEX `audits_deidentify_due_idx` ON `audits` (`organization_id`,`visit_started_at`) WHERE deidentified_at is null;--> statement-breakpoint
CREATE INDEX `evidence_sha_idx` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE INDEX `expenses_receipt_idx` ON `expenses` (`organization_id`,`receipt_sha256`);