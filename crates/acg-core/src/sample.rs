//! The embedded sample plan: two galleries, several definitions and versions across regions.
