"""The provider directory's pages, one module per area: the provider's own profile, the
public directory (with profile pages and file downloads), shortlists and consortia."""
