"""Run a `chairplan` command in this process, as the command line would, but without a new Python."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from chairplan.cli import app


def invoke(root: Path, *args: str) -> Result:
    """`chairplan ARGS` on the plan at `root` (given as $CHAIRPLAN_ROOT), stdout and stderr apart.

    An exception the command does not turn into an exit code propagates and fails the test; the
    exit code is checked to come from a SystemExit, as it would in a real process.
    """
    result = CliRunner().invoke(
        app,
        list(args),
        env={"CHAIRPLAN_ROOT": str(root)},
        catch_exceptions=False,
        prog_name="chairplan",
    )
    if result.exit_code == 0:
        assert result.exception is None, args
    else:
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exception.code == result.exit_code, args
    return result
