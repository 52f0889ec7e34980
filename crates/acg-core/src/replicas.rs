//! Replica recommendations from deployment load, under a selectable published guidance.
