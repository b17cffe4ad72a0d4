CREATE TABLE `place_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`booking_id` integer NOT NULL,
	`manager_email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_at` integer,
	`outcome` text,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `place_approvals_booking_idx` ON `place_approvals` (`booking_id`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `manager_email` text;--> statement-breakpoint
ALTER TABLE `courses` ADD `requires_approval` integer DEFAULT false NOT NULL;