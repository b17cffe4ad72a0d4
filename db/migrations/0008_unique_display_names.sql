ALTER TABLE `users` ADD `name_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_key_unique` ON `users` (`name_key`);