"""Published artefacts: iCalendar feeds (and later checklists and pages), rendered from the plan."""
