CREATE TABLE `seat_reservation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reservation_id` integer NOT NULL,
	`event` text NOT NULL,
	`actor_id` integer,
	`detail` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reservation_id`) REFERENCES `seat_reservations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `seat_reservation_events_reservation_idx` ON `seat_reservation_events` (`reservation_id`);--> statement-breakpoint
CREATE TABLE `seat_reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`organisation` text NOT NULL,
	`organisation_key` text NOT NULL,
	`seats` integer NOT NULL,
	`release_at` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	`ending` text,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "seat_reservations_seats_check" CHECK("seat_reservations"."seats" >= 1)
);
--> statement-breakpoint
CREATE INDEX `seat_reservations_session_idx` ON `seat_reservations` (`session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_reservations_standing_unique` ON `seat_reservations` (`session_id`,`organisation_key`) WHERE "seat_reservations"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX `seat_reservations_release_idx` ON `seat_reservations` (`ended_at`,`release_at`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `organisation_key` text;