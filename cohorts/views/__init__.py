"""Admin views that are not pages: the fellow's own record and account invitations."""
