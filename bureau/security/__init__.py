"""Sign-in security: two-factor sign-in, the password policy, the sign-in log, the users' sessions
and the hash chain over the audit trail (see SECURITY.md)."""
