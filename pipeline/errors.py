"""Errors a user can cause. Each message is one line that names the file or setting and the fix."""


class PipelineError(Exception):
    """A failure of the whole run that the user can fix; the CLI prints it as ``Error: <message>``."""


class ModelNotInstalled(PipelineError):
    """No package from a language's model list can be imported."""

    def __init__(self, language: str, packages: tuple[str, ...]) -> None:
        super().__init__(
            f"no spaCy model for '{language}' is installed (tried {', '.join(packages)}); "
            "run 'make install' to install the pinned models"
        )
        self.language = language
        self.packages = packages
