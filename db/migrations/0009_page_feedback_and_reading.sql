CREATE TABLE `page_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page` text NOT NULL,
	`kind` text NOT NULL,
	`wrong` text,
	`doing` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`done_at` integer,
	`done_by` integer,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `page_feedback_page_idx` ON `page_feedback` (`page`,`created_at`);--> statement-breakpoint
CREATE TABLE `reading_digest_subscribers` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`last_sent_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reading_history` (
	`user_id` integer NOT NULL,
	`page` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `page`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reading_history_read_at_idx` ON `reading_history` (`read_at`);