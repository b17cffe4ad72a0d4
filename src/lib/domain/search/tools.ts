/**
 * The portal's tools (the eligibility check, training, the forum, signing in and so on) as
 * search sees them. Their pages are rendered on demand or are forms, so the build cannot
 * read them from the static site: each is added to the same Pagefind index from this list
 * (`src/integrations/pagefind.ts`), and a search for one of its names puts it first.
 */
import type { Subject } from './subjects.ts';

/** Every tool's landing page, with the names people search for it by. Lower case terms. */
export const TOOL_PAGES: readonly Subject[] = [
  {
    url: '/eligibility/',
    title: 'Check if a family might qualify for the programme',
    summary: 'An anonymous eligibility check for partner agencies: might a family qualify, under which criteria, and what to do next.',
    terms: ['eligibility check', 'eligibility', 'check eligibility', 'eligible', 'does a family qualify', 'self-check', 'criteria check'],
  },
  {
    url: '/training/',
    title: 'Training courses',
    summary: 'Skills Matrix training courses for practitioners working with families in Kent: find a session and book a place.',
    terms: ['book training', 'training', 'training courses', 'courses', 'course', 'book a course', 'book a place', 'skills matrix training', 'workshops'],
  },
  {
    url: '/forum/',
    title: 'Forum',
    summary: 'The members-only forum where practitioners ask each other questions and share practice. Never for case information.',
    terms: ['forum', 'discussion', 'discussions', 'ask a question', 'members forum', 'community'],
  },
  {
    url: '/login',
    title: 'Sign in',
    summary: 'Sign in to your portal account to use the forum, book training and see your Skills Matrix progress.',
    terms: ['sign in', 'log in', 'login', 'signin', 'logon'],
  },
  {
    url: '/register',
    title: 'Create an account',
    summary: 'Register for a portal account with your work email address.',
    terms: ['create an account', 'register', 'registration', 'sign up', 'new account'],
  },
  {
    url: '/forgot-password',
    title: 'Reset your password',
    summary: 'Forgotten your password? Get an email with a link to set a new one.',
    terms: ['forgot password', 'forgotten password', 'reset password', 'password reset', 'new password'],
  },
  {
    url: '/account',
    title: 'Your account',
    summary: 'Change your name, organisation or password, and find your training places, notifications and Skills Matrix progress.',
    terms: ['your account', 'my account', 'account', 'change password', 'my details'],
  },
  {
    url: '/account/bookings',
    title: 'Your training places',
    summary: 'The training sessions you have booked or are waiting for, with calendar files, and how to cancel a place.',
    terms: ['my bookings', 'bookings', 'my training', 'cancel booking', 'cancel a place', 'my places'],
  },
  {
    url: '/certificates/',
    title: 'Check a certificate of attendance',
    summary: 'Check that a Skills Matrix training certificate is genuine, by the verification code printed on it.',
    terms: ['check a certificate', 'verify certificate', 'certificate check', 'verification code', 'certificate of attendance'],
  },
  {
    url: '/contact/',
    title: 'Contact',
    summary: 'Who to contact about the programme, sharing information about a family, and this portal.',
    terms: ['contact', 'contact us', 'contacts', 'contact details', 'mailbox', 'email address', 'programme team'],
  },
];
