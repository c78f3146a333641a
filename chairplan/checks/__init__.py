"""Every rule a plan must pass, each one function with a stable code, in one registry.

`registry.RULES` is the list; `pipeline.check_plan` loads a plan and runs it. `check`, the edit
commands, `build`, `ics`, `serve`, `status` and `sources` all go through that one function.
Adding a rule: one module here with a `RULE`, and one line in `registry.py`.
"""
