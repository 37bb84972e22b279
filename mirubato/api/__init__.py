"""Plumbing every app's API shares: camelCase JSON, the error envelope, pagination, schema."""
