-- Account security state read on every authenticated request (by primary key).
-- credentials_version: part of every access token (claim "cv") and of every page session's sign-in; raised when the
-- password or role changes or an admin signs the account out everywhere, which ends the tokens and the page sessions
-- issued before. A counter rather than a timestamp because a token's iat has whole seconds only: a token issued in
-- the same second as a password change could not be told apart from one issued just before it.
-- must_change_password: the account still has a password someone else chose (the first admin's, or one an admin
-- set); until its owner changes it, only the change-password page and API answer.
ALTER TABLE app_user ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false;
