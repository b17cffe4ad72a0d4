CREATE TABLE `pending_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_registrations_email_idx` ON `pending_registrations` (`email`,`created_at`);--> statement-breakpoint
-- Hand-written: accounts whose address was never confirmed could have been created by
-- someone other than the owner, and they can never have signed in. They go, with their
-- confirmation links; the owner registers again and gets a link of their own.
DELETE FROM `user_tokens` WHERE `purpose` = 'email-verification';
--> statement-breakpoint
DELETE FROM `users` WHERE `email_verified_at` IS NULL AND `last_sign_in_at` IS NULL;
