"""Every rule a plan must pass, in one registry."""
