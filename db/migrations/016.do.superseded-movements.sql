-- An offline exit or re-entry uploaded after a later movement of its
-- subject was recorded happened, but is no longer what the subject's state
-- follows from: it is logged as what it was, with this remark, and moves
-- nobody (db/functions/moved_since.sql, redeem_scan step 2).
alter type scan_reason add value 'superseded';
