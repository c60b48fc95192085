-- An API token may carry an expiry; after it the token is refused. Tokens without one keep working until revoked.
ALTER TABLE api_token
    ADD COLUMN expires_at timestamptz,
    ADD CONSTRAINT api_token_expires_after_creation CHECK (expires_at IS NULL OR expires_at > created_at);
