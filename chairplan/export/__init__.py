"""Published artefacts (feeds, checklists, pages): each takes the plan and an injected stamp and returns bytes."""
