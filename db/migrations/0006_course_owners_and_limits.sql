CREATE TABLE `course_trainers` (
	`course_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`course_id`, `user_id`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_trainers_user_idx` ON `course_trainers` (`user_id`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `late_cancel_reason` text;--> statement-breakpoint
ALTER TABLE `courses` ADD `places_per_person` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `owner_id` integer REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `courses_owner_idx` ON `courses` (`owner_id`);--> statement-breakpoint
-- Hand-written: every existing course gets an owner, its creator, or else the first
-- trainer (then the first administrator) so that somebody can manage it.
UPDATE `courses` SET `owner_id` = COALESCE(
	(SELECT u.`id` FROM `users` u WHERE u.`id` = `courses`.`created_by`),
	(SELECT r.`user_id` FROM `user_roles` r WHERE r.`role` IN ('admin', 'trainer')
		ORDER BY CASE r.`role` WHEN 'trainer' THEN 0 ELSE 1 END, r.`user_id` LIMIT 1)
);
