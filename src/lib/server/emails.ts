/**
 * The words of every e-mail the portal sends. Plain text, short, and never with anything
 * about a family in it.
 */
import type { Email } from './outbox.ts';

const SERVICE = 'Troubled Families Practitioner Portal';
const SIGN_OFF = `\n\n${SERVICE}\nKent County Council`;

/**
 * Asks a new member to confirm their address, saying exactly which registration the link
 * confirms: someone else may have typed this address, and the reader must be able to tell.
 */
export function verificationEmail(to: string, applicant: { name: string; organisation: string }, link: string, hours: number): Email {
  return {
    to,
    subject: `Confirm your email address for the ${SERVICE}`,
    body: `Someone asked to create an account on the ${SERVICE} with this email address, with these details:\n\nName: ${applicant.name}\nOrganisation: ${applicant.organisation}\n\nIf this was you, confirm your email address to finish creating your account:\n\n${link}\n\nThe link works once and expires in ${hours} hours. It creates the account with the details above and the password chosen with them.\n\nIf you did not ask for an account, or the details are not yours, do not use the link. Nothing happens unless it is used.${SIGN_OFF}`,
  };
}

/** Sent instead of a second account when someone registers an address already in use. */
export function alreadyRegisteredEmail(to: string, signInLink: string, resetLink: string): Email {
  return {
    to,
    subject: `You already have an account on the ${SERVICE}`,
    body: `Someone tried to create an account with this email address, which already has one.\n\nIf it was you, sign in at ${signInLink}\nor reset your password at ${resetLink}\n\nIf it was not you, you do not need to do anything.${SIGN_OFF}`,
  };
}

/** A password reset link. */
export function passwordResetEmail(to: string, name: string, link: string, minutes: number): Email {
  return {
    to,
    subject: `Reset your password for the ${SERVICE}`,
    body: `Dear ${name},\n\nUse this link to choose a new password:\n\n${link}\n\nThe link works once and expires in ${minutes} minutes.\n\nIf you did not ask to reset your password, you can ignore this email. Your password has not changed.${SIGN_OFF}`,
  };
}

/**
 * Sent when someone asks to reset the password of an address with no account (or a
 * disabled one), so the reset form takes the same path whether or not the address is known.
 */
export function noAccountResetEmail(to: string, registerLink: string): Email {
  return {
    to,
    subject: `Password reset request for the ${SERVICE}`,
    body: `Someone asked to reset the password for this email address, but no account that can sign in uses it.\n\nIf it was you, you may have registered with a different address. You can create an account at ${registerLink}\n\nIf it was not you, you do not need to do anything.${SIGN_OFF}`,
  };
}

/** Confirms a password change, so the owner notices one they did not make. */
export function passwordChangedEmail(to: string, name: string, resetLink: string): Email {
  return {
    to,
    subject: `Your password for the ${SERVICE} has changed`,
    body: `Dear ${name},\n\nThe password for your account was changed and every device was signed out.\n\nIf you did not do this, reset your password now at ${resetLink} and tell your manager.${SIGN_OFF}`,
  };
}

/** Tells a member their account was approved. */
export function accountApprovedEmail(to: string, name: string, signInLink: string): Email {
  return {
    to,
    subject: `Your account on the ${SERVICE} is ready`,
    body: `Dear ${name},\n\nAn administrator has approved your account. You can now sign in at ${signInLink}${SIGN_OFF}`,
  };
}

/** Tells administrators an account is waiting for them. */
export function approvalNeededEmail(to: string, applicant: { name: string; organisation: string }, adminLink: string): Email {
  return {
    to,
    subject: `An account is waiting for approval on the ${SERVICE}`,
    body: `${applicant.name} (${applicant.organisation}) has confirmed their email address and is waiting for approval.\n\nReview accounts at ${adminLink}${SIGN_OFF}`,
  };
}
