-- The mobile policy assigned to an account; an account without a row gets the default policy.
CREATE TABLE account_policy (
    account_id bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    policy_id  bigint NOT NULL REFERENCES mobile_policy (id) ON DELETE CASCADE
);

CREATE INDEX account_policy_policy_idx ON account_policy (policy_id);

-- A deleted policy leaves its devices without one: their next command is refused until they provision again.
ALTER TABLE device
    DROP CONSTRAINT device_policy_id_fkey,
    ADD CONSTRAINT device_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES mobile_policy (id) ON DELETE SET NULL;
