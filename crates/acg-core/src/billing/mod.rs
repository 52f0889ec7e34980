//! Billing: the dated price catalog, Retail Prices API import, estimates, projections and scenarios.
