-- A device that acknowledged its policy with Status 2 (applied in part, MS-ASPROV 2.2.2.54.1) holds a key only when
-- its policy allows devices that cannot apply it fully; this records that it is such a device.
ALTER TABLE device ADD COLUMN policy_partly_applied boolean NOT NULL DEFAULT false;
