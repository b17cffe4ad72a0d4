CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`booking_id` integer NOT NULL,
	`holder_name` text NOT NULL,
	`course_title` text NOT NULL,
	`domains` text NOT NULL,
	`session_starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`trainer_name` text,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_booking_unique` ON `certificates` (`booking_id`);--> statement-breakpoint
CREATE TABLE `evaluation_receipts` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`usefulness` integer NOT NULL,
	`confidence_before` integer NOT NULL,
	`confidence_after` integer NOT NULL,
	`useful` text DEFAULT '' NOT NULL,
	`improve` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evaluations_scales_check" CHECK("evaluations"."usefulness" BETWEEN 1 AND 5 AND "evaluations"."confidence_before" BETWEEN 1 AND 5 AND "evaluations"."confidence_after" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `evaluations_session_idx` ON `evaluations` (`session_id`);