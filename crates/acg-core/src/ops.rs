//! Update and delete checks: what Azure allows to change on an existing resource, and the nested-delete rule.
