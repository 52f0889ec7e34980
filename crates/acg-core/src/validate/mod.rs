//! Validation: every rule Azure enforces that can be checked without calling Azure (rules.md GAL, IMG, VER, REG, REC).
