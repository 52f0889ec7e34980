//! Deployment checks: a VM or scale set from an image reference in a region, with Azure's messages.
