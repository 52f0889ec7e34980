//! Latest-version resolution per region, the definitions x regions matrix, and what-if edits.
