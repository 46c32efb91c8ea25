/** The login page's messages (en), shared by the console and the rider app. */
export default {
  title: 'Log in to the dispatch console', username: 'Username', password: 'Password', submit: 'Log in', working: 'Logging in…',
  required: 'Enter your username and password.',
  invalid: 'Wrong username or password. Check them and try again; after 5 failures the account is locked for 15 minutes.',
  locked: 'Too many attempts: the account is locked. Wait 15 minutes or ask an admin to unlock it.',
  rateLimited: 'Too many failed logins from here or for this account. Wait a few minutes, then try again.',
  network: 'The server cannot be reached. Check the network and try again.',
  failed: 'Login failed ({code}): {message}',
  sessionOver: 'Your session has ended; log in again.',
  noConsole: 'Riders log in with the rider app; this console is for dispatchers, QA, partner pharmacies and admins.',
};
