"""The plan's YAML: text -> located data -> validated model."""
