CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_events_key_at_idx` ON `throttle_events` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `throttle_events_at_idx` ON `throttle_events` (`at`);--> statement-breakpoint
DROP TABLE `rate_limits`;